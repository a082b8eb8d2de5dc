using Bunit;
using Eps.Core.Drugs;
using Eps.Core.Queue;
using Eps.Web.Features.Queue;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Web.Queue;

/// <summary>The queue's address: every view survives the trip through it, and what it does not know is the default.</summary>
public sealed class QueueViewTests
{
    private const string Page = "http://localhost/pharmacy/queue";

    private static readonly QueueView[] Views =
    [
        QueueView.Default,
        new(new QueueFilter(QueueTab.Dispensed, Priority.HighRisk, IssuedWithin.Week, "okafor", QueueSort.OldestFirst), 3, 50),
        new(new QueueFilter(QueueTab.Expired, Priority.Routine, IssuedWithin.Today, "Adaeze O'Brien & co", QueueSort.NewestFirst), 0, 100),
        new(new QueueFilter(Priority: Priority.Controlled, Search: "123 456 7890"), 1),
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_view_put_in_the_address_is_read_back_the_same(int index)
    {
        var view = Views[index];
        await using var ctx = new BunitContext();
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();

        var address = navigation.GetUriWithQueryParameters(Page, view.Query());

        Assert.Equal(view, QueueView.FromUri(address));
    }

    [Fact]
    public void Defaults_are_left_out_of_the_address()
    {
        Assert.All(QueueView.Default.Query().Values, Assert.Null);
    }

    [Theory]
    [InlineData("?status=lost&priority=urgent&date_range=year&sort=sideways&page=abc&page_size=7")]
    [InlineData("?page=0&page_size=-25&patient_search=%20%20")]
    [InlineData("?page=99999999999&status=&priority=")]
    public void Values_the_page_does_not_know_fall_back_to_the_defaults(string query)
    {
        Assert.Equal(QueueView.Default, QueueView.FromUri(Page + query));
    }

    [Fact]
    public void Names_are_read_in_any_case_and_a_long_search_is_cut_to_what_the_api_accepts()
    {
        var view = QueueView.FromUri(Page + "?Status=Dispensed&priority=HIGH_RISK&patient_search=" + new string('a', 150));

        Assert.Equal(QueueTab.Dispensed, view.Filter.Tab);
        Assert.Equal(Priority.HighRisk, view.Filter.Priority);
        Assert.Equal(100, view.Filter.Search!.Length);
    }
}
