using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Eps.E2E.Infrastructure;

/// <summary>
/// Runs axe-core's WCAG 2.1 A and AA rules on what the browser shows and collects the critical and serious
/// violations as one line per element: the page, the rule, its impact, the element and what to fix.
/// </summary>
public sealed class AxeAudit
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    // Best-practice rules for the page's structure, blocking at any impact: one main landmark, every part of the page
    // in a landmark, distinct landmark names, one h1 and headings in order.
    private static readonly AxeRunOptions Structure = new()
    {
        RunOnly = new RunOnlyOptions { Type = "rule", Values = ["landmark-one-main", "region", "landmark-unique", "page-has-heading-one", "heading-order"] },
        ResultTypes = [ResultType.Violations],
    };

    private static readonly HashSet<string> Blocking = new(StringComparer.OrdinalIgnoreCase) { "critical", "serious" };

    private readonly List<string> _findings = [];

    /// <summary>Checks the whole page, or only the part <paramref name="scope"/> selects (an open dialog).</summary>
    public async Task CheckAsync(IPage page, string name, string? scope = null)
    {
        await SettleAsync(page);
        var result = scope is null
            ? await page.RunAxe(Options)
            : await page.RunAxe(new AxeRunContext { Include = [new AxeSelector(scope)] }, Options);

        Collect(name, result.Violations.Where(v => Blocking.Contains(v.Impact ?? "")));
        if (scope is null)
        {
            Collect(name, (await page.RunAxe(Structure)).Violations);
        }
    }

    /// <summary>Fails with every finding so far, one a line, when there is any.</summary>
    public void AssertClean()
    {
        Assert.True(_findings.Count == 0,
            $"{_findings.Count} critical or serious accessibility violation(s):{Environment.NewLine}{string.Join(Environment.NewLine, _findings)}");
    }

    /// <summary>Colour contrast is measured on what is drawn: wait for fades and slides (not spinners) to end.</summary>
    private static async Task SettleAsync(IPage page) => await page.EvaluateAsync("""
        () => Promise.all(document.getAnimations()
            .filter(a => a.effect?.getComputedTiming().iterations !== Infinity)
            .map(a => a.finished.catch(() => null)))
        """);

    private void Collect(string name, IEnumerable<AxeResultItem> violations)
    {
        foreach (var violation in violations)
        {
            foreach (var node in violation.Nodes)
            {
                _findings.Add($"{name}: {violation.Id} ({violation.Impact}) at {node.Target} — {Summary(node)} — {Snippet(node.Html)}");
            }
        }
    }

    private static string Snippet(string html) => html.Length <= 160 ? html : html[..160] + "…";

    private static string Summary(AxeResultNode node)
    {
        var message = node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).FirstOrDefault(m => !string.IsNullOrEmpty(m));
        return message ?? node.Html;
    }
}
