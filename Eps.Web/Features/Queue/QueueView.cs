using System.Globalization;
using Eps.Core.Queue;
using Microsoft.AspNetCore.WebUtilities;

namespace Eps.Web.Features.Queue;

/// <summary>
/// What the queue page shows — filter, order and page — as kept in its address, so that a reload, back and forward
/// and a shared link show the same queue. The names are the queue API's (plus <c>sort</c>); a value the page does not
/// know falls back to its default, and defaults are left out of the address.
/// </summary>
internal sealed record QueueView(QueueFilter Filter, int Page = 0, int PageSize = QueueView.DefaultPageSize)
{
    public const int DefaultPageSize = 25;

    public static readonly int[] PageSizes = [DefaultPageSize, 50, 100];

    /// <summary>Far beyond any real queue; a larger number in an address is not a page.</summary>
    private const int MaxPage = 1_000_000;

    public static QueueView Default { get; } = new(new QueueFilter());

    public static QueueView FromUri(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? Value(string name) => query.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

        QueueFilters.TryTab(Value("status"), out var tab);
        QueueFilters.TryPriority(Value("priority"), out var priority);
        QueueFilters.TryRange(Value("date_range"), out var range);
        QueueFilters.TrySort(Value("sort"), out var sort);
        var page = int.TryParse(Value("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= MaxPage
            ? number - 1
            : 0;
        var size = int.TryParse(Value("page_size"), NumberStyles.None, CultureInfo.InvariantCulture, out var rows) && PageSizes.Contains(rows)
            ? rows
            : DefaultPageSize;
        return new QueueView(new QueueFilter(tab, priority, range, Search(Value("patient_search")), sort), page, size);
    }

    /// <summary>The search as the page keeps it: trimmed, at most as long as the API accepts, none when blank.</summary>
    public static string? Search(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed[..Math.Min(trimmed.Length, QueueFilters.MaxSearchLength)].TrimEnd();
    }

    /// <summary>The query parameters of this view, null for each default (<c>GetUriWithQueryParameters</c> drops those).</summary>
    public IReadOnlyDictionary<string, object?> Query() => new Dictionary<string, object?>
    {
        ["status"] = Filter.Tab == QueueTab.Pending ? null : QueueFilters.Name(Filter.Tab),
        ["priority"] = QueueFilters.Name(Filter.Priority),
        ["date_range"] = Filter.Range == IssuedWithin.All ? null : QueueFilters.Name(Filter.Range),
        ["patient_search"] = Filter.Search,
        ["sort"] = Filter.Sort is { } sort ? QueueFilters.Name(sort) : null,
        ["page"] = Page == 0 ? null : Page + 1,
        ["page_size"] = PageSize == DefaultPageSize ? null : PageSize,
    };
}
