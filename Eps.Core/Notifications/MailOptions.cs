using System.ComponentModel.DataAnnotations;

namespace Eps.Core.Notifications;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The <c>Mail</c> configuration section. With no <see cref="Host"/>, mail is written as .eml files.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>SMTP user; the password comes from configuration outside the repository (environment, secret store).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "no-reply@eps.test";

    public string FromName { get; set; } = "Eps prescriptions";

    /// <summary>Where .eml files go when no SMTP host is set; relative to the data folder.</summary>
    public string PickupDirectory { get; set; } = "mail";

    /// <summary>Public base address used in links inside emails.</summary>
    [Required]
    public string BaseUrl { get; set; } = "http://localhost:5144";

    /// <summary>Attempts before a message is marked Failed (with the 2 h back-off cap, the default spans about 5 days).</summary>
    [Range(1, 500)]
    public int MaxAttempts { get; set; } = 70;

    [Range(1, 3600)]
    public int FirstRetrySeconds { get; set; } = 30;

    /// <summary>Outbox rows one delivery run claims and sends over one SMTP connection.</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How long a sender's claim on outbox rows lasts; renewed as the batch goes (every quarter of it), and one SMTP attempt may take at most
    /// half of it. After a crash mid-batch, the claimed rows are due again within this time.
    /// </summary>
    [Range(10, 3600)]
    public int ClaimSeconds { get; set; } = 120;

    /// <summary>
    /// Delivery runs working the outbox side by side, each on its own claimed batch and its own SMTP connection; one
    /// send at a time leaves a backlog of thousands (a spike of approvals) hours behind.
    /// </summary>
    [Range(1, 16)]
    public int ParallelSenders { get; set; } = 8;
}

/// <summary>The <c>Notifications</c> configuration section.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Local hour (<c>Locale:TimeZone</c>) of the daily digest.</summary>
    [Range(0, 23)]
    public int DigestHour { get; set; } = 8;

    /// <summary>How long after issue patients are told to expect their medicines to be ready.</summary>
    public string CollectionTimeline { get; set; } = "usually within 2 working days";
}
