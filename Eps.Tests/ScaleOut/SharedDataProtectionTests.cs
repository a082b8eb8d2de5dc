using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Eps.Core.Data;
using Eps.Core.Data.Seed;
using Eps.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.ScaleOut;

/// <summary>
/// Two instances on one database, each with its own install folder and data folder, as two machines behind a load
/// balancer: what one protects (antiforgery tokens, the sign-in cookie) the other reads, through the keys in the database.
/// </summary>
public sealed class SharedDataProtectionTests
{
    [Fact]
    public async Task A_sign_in_form_served_by_one_instance_posts_to_the_other_and_the_cookie_it_sets_works_on_the_first()
    {
        using var database = new SharedDatabase();
        await using var first = new EpsInstance(database);
        first.Start();
        await using var second = new EpsInstance(database);
        second.Start();
        var cookies = new CookieContainer();
        using var onFirst = first.NewClient(cookies);
        using var onSecond = second.NewClient(cookies);

        // The antiforgery cookie and form token come from the first instance, the post goes to the second.
        var token = Login.AntiforgeryTokenIn(await onFirst.GetStringAsync("/Account/Login"));
        var signIn = await onSecond.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token!,
            ["_handler"] = "login",
            ["Input.Email"] = "pharmacist.lagos@eps.test",
            ["Input.Password"] = DemoData.Password,
            ["Input.RememberMe"] = "false",
        }));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("/Account/Login", signIn.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        // The sign-in cookie the second issued is a session on the first.
        var manage = await onFirst.GetAsync("/Account/Manage");
        Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
        await using var db = await first.Services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }

    [Fact]
    public async Task Keys_are_encrypted_at_rest_with_the_configured_certificate_and_another_instance_with_it_reads_them()
    {
        using var database = new SharedDatabase();
        using var folder = new TempDirectory();
        var pfx = Path.Combine(folder.Path, "data-protection.pfx");
        const string password = "test-only-pfx-password";
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Eps data protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, password));
        }

        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = pfx,
            ["DataProtection:CertificatePassword"] = password,
        };
        await using var first = new EpsInstance(database, settings);
        first.Start();
        var protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("scale-out test").Protect("hello");
        await using var second = new EpsInstance(database, settings);
        second.Start();

        Assert.Equal("hello", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("scale-out test").Unprotect(protectedText));
        await using var db = await first.Services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        var stored = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(stored);
        Assert.All(stored, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });
    }
}
