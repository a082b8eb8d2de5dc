using Eps.Core.Reporting;
using Microsoft.Extensions.Time.Testing;

namespace Eps.Tests.Core.Reporting;

public sealed class ReportPeriodTests
{
    private static readonly DateOnly Day = new(2026, 11, 27);

    [Fact]
    public void The_default_is_the_last_thirty_utc_days_today_included()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.FromHours(-5)));

        var period = ReportPeriod.Default(time);

        Assert.Equal(new ReportPeriod(new(2026, 10, 30), new(2026, 11, 28)), period);
        Assert.Equal(new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc), period.End);
    }

    [Fact]
    public void A_reversed_or_overlong_period_says_why_and_a_full_year_is_allowed()
    {
        Assert.Equal("The end date is before the start date.", new ReportPeriod(Day, Day.AddDays(-1)).Problem);
        Assert.Contains("366 days", new ReportPeriod(Day, Day.AddDays(ReportPeriod.MaxDays)).Problem, StringComparison.Ordinal);
        Assert.Null(new ReportPeriod(Day, Day.AddDays(ReportPeriod.MaxDays - 1)).Problem);
        Assert.Equal(DateTime.MaxValue, new ReportPeriod(DateOnly.MaxValue, DateOnly.MaxValue).End);
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
