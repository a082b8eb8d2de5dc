using Eps.Core.Accounts;
using Eps.Tests.Infrastructure;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Web.Administration;

/// <summary>The <c>create-admin</c> command on the app's own services, and its link used to set a password and sign in.</summary>
public sealed class CreateAdminCommandTests(EpsApp app) : IClassFixture<EpsApp>
{
    [Fact]
    public async Task The_command_creates_an_admin_whose_one_time_link_sets_the_password_they_sign_in_with()
    {
        var (code, output, error) = await RunAsync("create-admin", "--email", "ops@hospital.example", "--name", "Ops Admin");

        Assert.True(code == 0, error);
        var link = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http", StringComparison.Ordinal));
        Assert.StartsWith("http://localhost:5144/Account/ResetPassword?code=", link, StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<EpsUser>>();
            var user = (await users.FindByEmailAsync("ops@hospital.example"))!;
            Assert.Null(user.PasswordHash);
            Assert.True(await users.IsInRoleAsync(user, Roles.Admin));
            var token = System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(QueryHelpers.ParseQuery(new Uri(link).Query)["code"]!));
            Assert.True((await users.ResetPasswordAsync(user, token, "Ops!Pass2026")).Succeeded);
        }

        using var client = await Login.AsAsync(app, "ops@hospital.example", "Ops!Pass2026");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/admin/staff")).StatusCode);
        await using var db = await app.NewDbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Kind == "admin_created" && e.ActorUserId == null));
    }

    [Theory]
    [InlineData("create-admin")]
    [InlineData("create-admin", "--email")]
    [InlineData("create-admin", "--email", "not an address", "--name", "X")]
    [InlineData("create-admin", "--email", "new.admin@hospital.example")]
    [InlineData("create-admin", "--mail", "a@b.example")]
    [InlineData("create-admin", "a@b.example")]
    public async Task Bad_input_exits_with_2_and_says_what_is_wrong(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(CommandLine.BadInput, code);
        Assert.DoesNotContain("ResetPassword", output, StringComparison.Ordinal);
        Assert.Contains("--", error, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        app.Start();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(app.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
