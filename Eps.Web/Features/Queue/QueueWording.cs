using System.Globalization;
using Eps.Core.Drugs;
using Eps.Core.Queue;

namespace Eps.Web.Features.Queue;

/// <summary>What the queue says about its filter: the empty state, what the stats count, and the arrival of new rows.</summary>
internal static class QueueWording
{
    /// <summary>
    /// The empty table's text. Unfiltered, it says the tab is empty; filtered, it names the filter, so that a pharmacist
    /// does not read "nothing waiting" when the filter hides what is waiting.
    /// </summary>
    public static string Empty(QueueFilter filter)
    {
        if (!QueueFilterState.IsNarrowed(filter))
        {
            return filter.Tab switch
            {
                QueueTab.Dispensed => "No prescriptions dispensed yet.",
                QueueTab.Expired => "No expired prescriptions.",
                QueueTab.Ready => "No prescriptions marked ready. Use Mark ready on a pending one once its stock is prepared.",
                _ => "No prescriptions waiting. New ones appear here as soon as a doctor approves them.",
            };
        }

        var words = new List<string> { "No" };
        words.AddRange(new[] { State(filter.Tab), PriorityWord(filter.Priority) }.OfType<string>());
        words.Add("prescriptions");
        if (Issued(filter.Range) is { } issued)
        {
            words.Add(issued);
        }

        if (filter.Search is { } search)
        {
            words.Add($"match '{search}'");
        }
        else if (filter.Tab == QueueTab.Pending)
        {
            words.Add("are waiting");
        }

        return string.Join(' ', words) + ".";
    }

    /// <summary>What the stats cards count, e.g. "Counting pending prescriptions, high-risk only, matching 'okafor'".</summary>
    public static string Scope(QueueFilter filter)
    {
        var parts = new List<string> { $"Counting {State(filter.Tab) ?? "pending"} prescriptions" };
        if (PriorityWord(filter.Priority) is { } priority)
        {
            parts.Add($"{priority} only");
        }

        if (Issued(filter.Range) is { } issued)
        {
            parts.Add(issued);
        }

        if (filter.Search is { } search)
        {
            parts.Add($"matching '{search}'");
        }

        return string.Join(", ", parts);
    }

    /// <summary>The polite announcement of rows that arrived: those on the shown page and those the order puts elsewhere.</summary>
    public static string? Arrived(int onPage, int elsewhere)
    {
        var count = onPage + elsewhere;
        if (count == 0)
        {
            return null;
        }

        var text = count == 1 ? "1 new prescription" : string.Create(CultureInfo.InvariantCulture, $"{count} new prescriptions");
        return elsewhere == 0 ? text
            : onPage == 0 ? $"{text}, on another page"
            : string.Create(CultureInfo.InvariantCulture, $"{text}, {elsewhere} on another page");
    }

    private static string? State(QueueTab tab) => tab switch
    {
        QueueTab.Ready => "ready",
        QueueTab.Dispensed => "dispensed",
        QueueTab.Expired => "expired",
        _ => null,
    };

    private static string? PriorityWord(Priority? priority) => priority switch
    {
        Priority.Controlled => "controlled",
        Priority.HighRisk => "high-risk",
        Priority.Routine => "routine",
        _ => null,
    };

    private static string? Issued(IssuedWithin range) => range switch
    {
        IssuedWithin.Today => "issued today",
        IssuedWithin.Week => "issued in the last 7 days",
        IssuedWithin.Month => "issued in the last month",
        _ => null,
    };
}
