using Eps.Core.Reporting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Eps.Tests.Core.Reporting;

public sealed class ReportPeriodTests
{
    private static readonly DateOnly Day = new(2026, 11, 27);

    [Fact]
    public void The_default_is_the_last_thirty_days_of_the_service_zone_today_included()
    {
        // 23:30 UTC on 27 November is 00:30 on the 28th in Lagos (UTC+1): the report's "today" is the 28th there.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero));

        var period = Clock("Africa/Lagos", time).DefaultPeriod();

        Assert.Equal(new ReportPeriod(new(2026, 10, 30), new(2026, 11, 28)), period);
    }

    [Fact]
    public void A_period_spans_whole_local_days_of_the_configured_zone()
    {
        var period = new ReportPeriod(Day, Day);

        Assert.Equal((new DateTime(2026, 11, 26, 23, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 27, 23, 0, 0, DateTimeKind.Utc)),
            Clock("Africa/Lagos").Bounds(period));
        Assert.Equal((new DateTime(2026, 11, 27, 5, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 28, 5, 0, 0, DateTimeKind.Utc)),
            Clock("America/New_York").Bounds(period));
        Assert.Equal(DateTime.MaxValue, Clock("Africa/Lagos").Bounds(new ReportPeriod(DateOnly.MaxValue, DateOnly.MaxValue)).End);
    }

    [Fact]
    public void Times_are_shown_in_the_configured_zone_with_its_name_where_asked()
    {
        var instant = new DateTime(2026, 12, 3, 13, 5, 0, DateTimeKind.Utc);

        Assert.Equal("3 Dec 2026, 14:05", Clock("Africa/Lagos").Format(instant));
        Assert.Equal("3 Dec 2026 at 14:05 WAT", new LocalClock(
            Options.Create(new LocaleOptions { TimeZone = "Africa/Lagos", TimeZoneName = "WAT" }), TimeProvider.System).FormatWithZone(instant));
        Assert.Equal("3 Dec 2026 at 08:05 Eastern Standard Time", Clock("America/New_York").FormatWithZone(instant));
    }

    private static LocalClock Clock(string zone, TimeProvider? time = null) =>
        new(Options.Create(new LocaleOptions { TimeZone = zone }), time ?? TimeProvider.System);

    [Fact]
    public void A_reversed_or_overlong_period_says_why_and_a_full_year_is_allowed()
    {
        Assert.Equal("The end date is before the start date.", new ReportPeriod(Day, Day.AddDays(-1)).Problem);
        Assert.Contains("366 days", new ReportPeriod(Day, Day.AddDays(ReportPeriod.MaxDays)).Problem, StringComparison.Ordinal);
        Assert.Null(new ReportPeriod(Day, Day.AddDays(ReportPeriod.MaxDays - 1)).Problem);
    }

    [Theory]
    [InlineData(null, "2026-11-30", "from")]
    [InlineData("27/11/2026", "2026-11-30", "from")]
    [InlineData("2026-11-01", "", "to")]
    [InlineData("2026-11-30", "2026-11-01", "to")]
    [InlineData("2026-01-01", "2027-01-02", "to")]
    public void Query_values_that_are_not_a_period_name_the_field_at_fault(string? from, string? to, string field)
    {
        Assert.False(ReportPeriod.TryParse(from, to, out _, out var error));
        Assert.Equal(field, error.Field);
        Assert.Contains("like 2026-11-", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_round_trips_through_its_query()
    {
        var period = new ReportPeriod(Day, Day.AddDays(3));
        var query = System.Web.HttpUtility.ParseQueryString(period.ToQuery());

        Assert.True(ReportPeriod.TryParse(query["from"], query["to"], out var parsed, out _));
        Assert.Equal(period, parsed);
    }
}
