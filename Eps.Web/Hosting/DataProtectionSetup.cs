using System.Security.Cryptography.X509Certificates;
using Eps.Core.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Eps.Web.Hosting;

/// <summary>
/// Data protection (sign-in cookies, antiforgery tokens, Identity's emailed links, the database key ring's private
/// keys): the key ring lives in the app's database and every instance uses one application name, so a cookie issued by
/// one instance is read by every other on the same database, and by this one after a restart. On SQLite too: the keys
/// then go with <c>eps.db</c>, so deleting the database for a fresh start also drops the cookies that named its users.
/// </summary>
internal static class DataProtectionSetup
{
    /// <summary>The application name every instance shares; the default (the content root path) differs per install folder.</summary>
    public const string ApplicationName = "Eps";

    public static IServiceCollection AddEpsDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<EpsDbContext>();

        // A key repository of our own turns off the at-rest encryption the default folder has on some platforms: the
        // keys sit in the database in plain XML unless a certificate protects them.
        if (LoadCertificate(configuration.GetSection(DataProtectionSettings.Section).Get<DataProtectionSettings>()) is { } certificate)
        {
            builder.ProtectKeysWithCertificate(certificate);
        }

        return services;
    }

    private static X509Certificate2? LoadCertificate(DataProtectionSettings? settings)
    {
        if (string.IsNullOrWhiteSpace(settings?.CertificatePath))
        {
            return null;
        }

        if (!File.Exists(settings.CertificatePath))
        {
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath names '{settings.CertificatePath}', which does not exist.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.CertificatePassword,
            X509KeyStorageFlags.EphemeralKeySet);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException(
                "The data-protection certificate has no private key: a PKCS#12 (.pfx) file with its private key is needed to read the keys back.");
    }
}

/// <summary>The <c>DataProtection</c> configuration section.</summary>
internal sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts the data-protection keys at rest; empty for none.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The file's password; give it from the environment (<c>DataProtection__CertificatePassword</c>), never in a file.</summary>
    public string? CertificatePassword { get; set; }
}
