using Eps.Core.Drugs;
using Eps.Core.Queue;
using Eps.Web.Features.Queue;

namespace Eps.Tests.Web.Queue;

/// <summary>What the queue tells the pharmacist about its filter and about new rows.</summary>
public sealed class QueueWordingTests
{
    [Theory]
    [InlineData(QueueTab.Pending, null, IssuedWithin.All, null, "No prescriptions waiting. New ones appear here as soon as a doctor approves them.")]
    [InlineData(QueueTab.Dispensed, null, IssuedWithin.All, null, "No prescriptions dispensed yet.")]
    [InlineData(QueueTab.Pending, Priority.HighRisk, IssuedWithin.All, "okafor", "No high-risk prescriptions match 'okafor'.")]
    [InlineData(QueueTab.Pending, Priority.Controlled, IssuedWithin.All, null, "No controlled prescriptions are waiting.")]
    [InlineData(QueueTab.Pending, null, IssuedWithin.Today, null, "No prescriptions issued today are waiting.")]
    [InlineData(QueueTab.Expired, Priority.Routine, IssuedWithin.Week, "bakare", "No expired routine prescriptions issued in the last 7 days match 'bakare'.")]
    public void The_empty_queue_says_what_is_filtered(QueueTab tab, Priority? priority, IssuedWithin range, string? search, string expected)
    {
        Assert.Equal(expected, QueueWording.Empty(new QueueFilter(tab, priority, range, search)));
    }

    [Fact]
    public void The_stats_say_what_they_count()
    {
        Assert.Equal("Counting pending prescriptions", QueueWording.Scope(new QueueFilter()));
        Assert.Equal("Counting dispensed prescriptions, high-risk only, issued in the last month, matching 'okafor'",
            QueueWording.Scope(new QueueFilter(QueueTab.Dispensed, Priority.HighRisk, IssuedWithin.Month, "okafor")));
    }

    [Theory]
    [InlineData(1, 0, "1 new prescription")]
    [InlineData(3, 0, "3 new prescriptions")]
    [InlineData(0, 1, "1 new prescription, on another page")]
    [InlineData(1, 2, "3 new prescriptions, 2 on another page")]
    [InlineData(0, 0, null)]
    public void Arrivals_are_counted_where_the_order_puts_them(int onPage, int elsewhere, string? expected)
    {
        Assert.Equal(expected, QueueWording.Arrived(onPage, elsewhere));
    }
}
