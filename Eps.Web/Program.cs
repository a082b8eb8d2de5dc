using Eps.Core;
using Eps.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddEpsConfiguration();
builder.Services.AddEpsCore(builder.Configuration);
builder.AddEpsWeb();

var app = builder.Build();
if (await app.RunCommandAsync(args) is { } exitCode)
{
    return exitCode;
}

app.UseEpsPipeline();
app.MapEpsEndpoints();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that tests can host the app.</summary>
public partial class Program;
