using System.Net;
using Eps.Core.Data.Seed;
using Eps.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Api.Accounts;

public sealed class DemoAccountTests
{
    [Fact]
    public async Task Demo_accounts_are_refused_outside_development()
    {
        using var app = new EpsApp { Options = EpsAppOptions.Default with { Environment = "Staging" } };
        app.Start();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Outside Development nothing seeds demo users; plant them as if copied from a development database.
            await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().SeedDemoDataAsync(CancellationToken.None);
        }

        var response = await Login.SignInAsync(app.NewClient(), "pharmacist.lagos@eps.test", DemoData.Password);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Invalid login attempt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_accounts_sign_in_in_development()
    {
        using var app = new EpsApp();
        var response = await Login.SignInAsync(app.NewClient(), "pharmacist.lagos@eps.test", DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
