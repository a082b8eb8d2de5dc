using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Eps.Core.Accounts;
using Eps.Core.Drugs;
using Eps.Core.Queue;
using Eps.Core.Reporting;
using Eps.Web.Components.Shared;

namespace Eps.Web.Features.Queue;

/// <summary>
/// A queue row's read-only cells (prescription with its New and Ready tags, patient, medication, prescriber, priority,
/// issued, and expiry or dispensing) written as one piece of markup. Written as elements, a page of 25 rows took over
/// 2,000 render-tree frames, and the table keeps two frame buffers (the current and the previous render) sized to the
/// next power of two for as long as the queue is open; as one frame per row the table fits in 1,024. The markup is kept
/// per row, new mark and tab, so a render that shows the same row again reuses the string instead of writing it anew.
/// </summary>
internal sealed class QueueRowCells(LocalClock clock)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    private Dictionary<(QueueRow Row, bool IsNew, QueueTab Tab), string> _shown = [];
    private Dictionary<(QueueRow Row, bool IsNew, QueueTab Tab), string> _showing = [];

    /// <summary>The cells of <paramref name="row"/> as shown in <paramref name="tab"/>; call <see cref="Rendered"/> after the last row.</summary>
    public string For(QueueRow row, bool isNew, QueueTab tab)
    {
        var key = (row, isNew, tab);
        if (!_shown.TryGetValue(key, out var html) && !_showing.TryGetValue(key, out html))
        {
            html = Write(row, isNew, tab, clock);
        }

        _showing[key] = html;
        return html;
    }

    /// <summary>Keeps the markup of the rows just rendered and lets go of the others.</summary>
    public void Rendered()
    {
        (_shown, _showing) = (_showing, _shown);
        _showing.Clear();
    }

    public static string LastColumn(QueueTab tab) => tab == QueueTab.Dispensed ? "Dispensed" : "Expires";

    public static string PriorityClass(Priority priority) => priority switch
    {
        Priority.Controlled => "eps-tag eps-tag-controlled",
        Priority.HighRisk => "eps-tag eps-tag-high-risk",
        _ => "eps-tag",
    };

    public static string PriorityText(Priority priority) => priority switch
    {
        Priority.Controlled => "Controlled",
        Priority.HighRisk => "High risk",
        _ => "Routine",
    };

    /// <summary>The cells' markup; the same elements, attributes and text the table wrote as elements.</summary>
    public static string Write(QueueRow row, bool isNew, QueueTab tab, LocalClock clock)
    {
        var html = new StringBuilder(1024);

        LeanTable.OpenCell(html, "Prescription").Append("<span class=\"eps-mono\">").Append(Encoder.Encode(row.PrescriptionId)).Append("</span>");
        if (isNew)
        {
            html.Append("<span class=\"eps-tag eps-tag-new\">New</span>");
        }

        if (row.ReadyAt is { } readyAt)
        {
            html.Append("<span class=\"eps-tag eps-tag-ready\" data-testid=\"queue-ready\" title=\"")
                .Append(Encoder.Encode($"Marked ready {clock.Format(readyAt)}")).Append("\">Ready</span>");
        }

        html.Append("</td>\n");

        LeanTable.OpenCell(html, "Patient").Append(Encoder.Encode(row.PatientName)).Append("<br><span class=\"mud-text-secondary\">")
            .Append(Encoder.Encode(Hpn.Format(row.PatientHpn))).Append("</span></td>\n");

        LeanTable.OpenCell(html, "Medication").Append(Encoder.Encode(row.MedicationName)).Append(' ').Append(Encoder.Encode(row.Strength))
            .Append(" × ").Append(Encoder.Encode(row.Quantity.ToString(CultureInfo.CurrentCulture)));
        if (row.Schedule != DrugSchedule.None)
        {
            html.Append("<span class=\"eps-tag eps-tag-controlled\">Schedule ")
                .Append(Encoder.Encode(((int)row.Schedule).ToString(CultureInfo.CurrentCulture))).Append("</span>");
        }

        html.Append("</td>\n");

        LeanTable.OpenCell(html, "Prescriber").Append(Encoder.Encode(row.PrescriberName)).Append("</td>\n");

        LeanTable.OpenCell(html, "Priority").Append("<span class=\"").Append(PriorityClass(row.Priority)).Append("\">")
            .Append(PriorityText(row.Priority)).Append("</span></td>\n");

        LeanTable.OpenCell(html, "Issued");
        Time(html, row.IssuedAt, clock.Format(row.IssuedAt)).Append("</td>\n");

        LeanTable.OpenCell(html, LastColumn(tab));
        if (tab == QueueTab.Dispensed && row.DispensedAt is { } at)
        {
            Time(html, at, clock.Format(at)).Append("<br><span class=\"mud-text-secondary\">")
                .Append(Encoder.Encode(row.DispensingPharmacist ?? "")).Append("</span>");
        }
        else
        {
            Time(html, row.ExpiresAt, clock.Format(row.ExpiresAt, dateOnly: true));
        }

        return html.Append("</td>\n").ToString();
    }

    private static StringBuilder Time(StringBuilder html, DateTime value, string text) =>
        html.Append("<time datetime=\"").Append(Encoder.Encode(LocalTime.Iso(value))).Append("\">").Append(Encoder.Encode(text)).Append("</time>");
}
