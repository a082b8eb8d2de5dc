using System.Globalization;

namespace Eps.Core.Reporting;

/// <summary>
/// Whole days from <see cref="From"/> to <see cref="To"/>, both included, in the service's time zone: the period every
/// report and the controlled drugs register are asked for, on a page or through the API. <see cref="LocalClock.Bounds"/>
/// gives its instants; <see cref="LocalClock.DefaultPeriod"/> the default.
/// </summary>
public readonly record struct ReportPeriod(DateOnly From, DateOnly To)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>Why this period cannot be reported on, or null when it can.</summary>
    public string? Problem =>
        To < From ? "The end date is before the start date."
        : To.DayNumber - From.DayNumber + 1 > MaxDays ? $"Choose a period of at most {MaxDays} days."
        : null;

    /// <summary>The period of two query values such as <c>2026-11-01</c>; otherwise the field at fault and why.</summary>
    public static bool TryParse(string? from, string? to, out ReportPeriod period, out (string Field, string Message) error)
    {
        period = default;
        if (!TryParseDate(from, out var start))
        {
            error = ("from", "from must be a date like 2026-11-01.");
            return false;
        }

        if (!TryParseDate(to, out var end) || new ReportPeriod(start, end).Problem is not null)
        {
            error = ("to", $"to must be a date like 2026-11-30, not before from and at most {MaxDays} days after it.");
            return false;
        }

        period = new(start, end);
        error = default;
        return true;
    }

    /// <summary>The period as query values, the form <see cref="TryParse"/> reads.</summary>
    public string ToQuery() => string.Create(CultureInfo.InvariantCulture, $"from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}");

    private static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
