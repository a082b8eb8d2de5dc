using Eps.Core;
using Eps.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddEpsConfiguration();
builder.Services.AddEpsCore(builder.Configuration);
builder.AddEpsWeb();

var app = builder.Build();
app.UseEpsPipeline();
app.MapEpsEndpoints();
app.Run();

/// <summary>Entry point; public so that tests can host the app.</summary>
public partial class Program;
