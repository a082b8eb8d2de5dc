using System.Globalization;
using System.Text;
using Eps.Core.Data;
using Eps.Core.Drugs;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Dispensing;

/// <summary>One line of the controlled drugs register: who, what, how much, to whom, ID seen, when.</summary>
public sealed record RegisterEntry(
    DateTime DispensedAt, string PharmacyCode, string PharmacyName, string PrescriptionId, string Medication, string Strength,
    int Quantity, DrugSchedule Schedule, string PatientName, string PatientHpn, IdDocumentType? IdDocumentType,
    string? IdDocumentNumber, string PharmacistName, string PrescriberName, string? Notes);

/// <summary>Reads the controlled drugs register for a pharmacy (or all pharmacies) and period, and writes it as CSV.</summary>
public sealed class ControlledRegister(IDbContextFactory<EpsDbContext> dbFactory)
{
    public const int MaxRows = 50_000;

    /// <summary>The start of the day after <paramref name="day"/>; the end of time for the last day a date can hold.</summary>
    public static DateTime DayAfter(DateOnly day) =>
        day < DateOnly.MaxValue ? day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : DateTime.MaxValue;

    /// <summary>Entries dispensed from <paramref name="from"/> up to and including <paramref name="to"/> (UTC dates), oldest first.</summary>
    public async Task<IReadOnlyList<RegisterEntry>> EntriesAsync(int? pharmacyId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = DayAfter(to);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.DispenseRecords.AsNoTracking()
            .Where(d => d.Schedule != DrugSchedule.None && d.DispensedAt >= start && d.DispensedAt < end);
        if (pharmacyId is { } id)
        {
            query = query.Where(d => d.PharmacyId == id);
        }

        return await query
            .OrderBy(d => d.DispensedAt).ThenBy(d => d.Id)
            .Take(MaxRows)
            .Join(db.Pharmacies, d => d.PharmacyId, p => p.Id, (d, p) => new RegisterEntry(
                d.DispensedAt, p.Code, p.Name, d.RxNumber, d.MedicationName, d.Strength, d.Quantity, d.Schedule, d.PatientName,
                d.PatientHpn, d.IdDocumentType, d.IdDocumentNumber, d.PharmacistName, d.PrescriberName, d.Notes))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The entries as RFC 4180 CSV; cells that a spreadsheet would run as formulas are neutralised.</summary>
    public static string ToCsv(IEnumerable<RegisterEntry> entries)
    {
        var csv = new StringBuilder();
        csv.AppendLine("dispensed_at_utc,pharmacy_code,pharmacy,prescription_id,medication,strength,quantity,schedule,patient,patient_hpn,id_document_type,id_document_number,pharmacist,prescriber,notes");
        foreach (var e in entries)
        {
            string[] cells =
            [
                e.DispensedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), e.PharmacyCode, e.PharmacyName,
                e.PrescriptionId, e.Medication, e.Strength, e.Quantity.ToString(CultureInfo.InvariantCulture),
                e.Schedule == DrugSchedule.Schedule2 ? "2" : "3", e.PatientName, e.PatientHpn,
                e.IdDocumentType is { } t ? IdDocuments.Describe(t) : "", e.IdDocumentNumber ?? "", e.PharmacistName,
                e.PrescriberName, e.Notes ?? "",
            ];
            csv.AppendLine(string.Join(',', cells.Select(Cell)));
        }

        return csv.ToString();
    }

    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
