using System.ComponentModel.DataAnnotations;

namespace Eps.Core.Oversight;

/// <summary>An alert raised by a monitoring rule; repeats within the cool-down only bump its count.</summary>
public sealed class SecurityAlert
{
    public long Id { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public int Occurrences { get; set; } = 1;

    /// <summary>Which rule fired: see <see cref="AlertRules"/>.</summary>
    public string Rule { get; set; } = "";

    /// <summary>What the alert is about, for de-duplication: "ip:…" or "rx:…".</summary>
    public string Key { get; set; } = "";
    public string Summary { get; set; } = "";
    public string? ClientIp { get; set; }
    public string? PrescriptionId { get; set; }
    public string? PharmacyCode { get; set; }
}

/// <summary>The previous day's analysis of verification attempts, written by the daily job.</summary>
public sealed class IncidentReport
{
    public long Id { get; set; }
    public DateOnly Date { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Attempts { get; set; }
    public int Failures { get; set; }

    /// <summary>Plain-text report: counts by reason, top IPs, alerts raised.</summary>
    public string Body { get; set; } = "";
}

/// <summary>Rule names.</summary>
public static class AlertRules
{
    public const string RepeatedFailures = "repeated-failures";
    public const string RepeatedFailuresForPrescription = "repeated-failures-prescription";
    public const string Forgery = "forgery";
    public const string Replay = "replayed-token";
    public const string MultiplePharmacies = "multiple-pharmacies";
}

/// <summary>The <c>Security</c> configuration section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Where alerts are emailed; empty means shown on the page only.</summary>
    [EmailAddress]
    public string? AlertEmail { get; set; }

    [Range(2, 10_000)]
    public int FailureThreshold { get; set; } = 5;

    [Range(1, 1440)]
    public int FailureWindowMinutes { get; set; } = 10;

    /// <summary>Repeats of the same alert within this period are counted, not raised again (cf. NHS's 2-hour cool-down).</summary>
    [Range(1, 10_080)]
    public int CooldownMinutes { get; set; } = 120;
}

/// <summary>What the live security page receives: a failed attempt, an alert, or a resync (events may have been missed: re-read).</summary>
public sealed record SecurityEvent(DateTime At, string Kind, string? Step, string Reason, string? ClientIp, string? PrescriptionId,
    string? PharmacyCode, SecurityAlert? Alert = null)
{
    public const string ResyncKind = "resync";

    public bool IsResync => Kind == ResyncKind;

    public static SecurityEvent Resync(DateTime at) => new(at, ResyncKind, null, "", null, null, null);
}
