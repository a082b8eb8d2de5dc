using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Eps.Core.Reporting;

/// <summary>The <c>Locale</c> configuration section: the one time zone of pages, emails, reports and the digest.</summary>
public sealed class LocaleOptions
{
    public const string Section = "Locale";

    /// <summary>IANA time zone of the service, e.g. <c>Africa/Lagos</c>.</summary>
    [Required]
    public string TimeZone { get; set; } = "Africa/Lagos";

    /// <summary>
    /// What follows a time where its zone must be said ("14:05 WAT"); the zone's standard name ("West Africa Standard
    /// Time") when empty. Set it with <see cref="TimeZone"/>: the two go together.
    /// </summary>
    public string TimeZoneName { get; set; } = "";
}

/// <summary>
/// Instants are stored in UTC; people read them, and think of days, in the service's configured time zone. Every page,
/// email and report converts through this one clock, so "today" and "1 December" mean the same everywhere.
/// </summary>
public sealed class LocalClock
{
    private readonly TimeProvider _time;

    public LocalClock(IOptions<LocaleOptions> options, TimeProvider time)
    {
        _time = time;
        Zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        ZoneName = string.IsNullOrWhiteSpace(options.Value.TimeZoneName) ? Zone.StandardName : options.Value.TimeZoneName.Trim();
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The zone as shown to people, e.g. <c>WAT</c>.</summary>
    public string ZoneName { get; }

    /// <summary>Today in the service's zone.</summary>
    public DateOnly Today => DayOf(_time.GetUtcNow().UtcDateTime);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The local day an instant falls on.</summary>
    public DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>The first instant (UTC) of a local day: its midnight, or the first valid local time after it.</summary>
    public DateTime StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    /// <summary>The instants of a period: from its first day's start to the start of the day after its last (UTC).</summary>
    public (DateTime Start, DateTime End) Bounds(ReportPeriod period) =>
        (StartOf(period.From), period.To < DateOnly.MaxValue ? StartOf(period.To.AddDays(1)) : DateTime.MaxValue);

    /// <summary>The last <see cref="ReportPeriod.DefaultDays"/> local days, today included.</summary>
    public ReportPeriod DefaultPeriod()
    {
        var today = Today;
        return new(today.AddDays(1 - ReportPeriod.DefaultDays), today);
    }

    /// <summary>The shown text of an instant, e.g. <c>3 Dec 2026, 14:05</c> (or <c>3 Dec 2026</c>).</summary>
    public string Format(DateTime utc, bool dateOnly = false) =>
        ToLocal(utc).ToString(dateOnly ? "d MMM yyyy" : "d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>An instant with its zone, for text read away from the page (emails, messages): <c>3 Dec 2026 at 14:05 WAT</c>.</summary>
    public string FormatWithZone(DateTime utc) =>
        $"{ToLocal(utc).ToString("d MMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture)} {ZoneName}";
}
