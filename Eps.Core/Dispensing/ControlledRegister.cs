using System.Globalization;
using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Drugs;
using Eps.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Dispensing;

/// <summary>One line of the controlled drugs register: who, what, how much, to whom, ID seen, when.</summary>
public sealed record RegisterEntry(
    DateTime DispensedAt, string PharmacyCode, string PharmacyName, string PrescriptionId, string Medication, string Strength,
    int Quantity, DrugSchedule Schedule, string PatientName, string PatientHpn, IdDocumentType? IdDocumentType,
    string? IdDocumentNumber, string PharmacistName, string PrescriberName, string? Notes);

/// <summary>
/// The controlled drugs register: the one query behind the pharmacist's register, the admin's compliance page and the
/// CSV export, scoped by who asks.
/// </summary>
public sealed class ControlledRegister(IDbContextFactory<EpsDbContext> dbFactory, LocalClock clock)
{
    public const int MaxRows = 50_000;

    private static readonly string[] CsvHeader =
    [
        "dispensed_at_utc", "pharmacy_code", "pharmacy", "prescription_id", "medication", "strength", "quantity", "schedule",
        "patient", "patient_hpn", "id_document_type", "id_document_number", "pharmacist", "prescriber", "notes",
    ];

    /// <summary>
    /// The entries <paramref name="actor"/> may read in <paramref name="period"/>, oldest first: an admin's for one
    /// pharmacy or all; a pharmacist's only for their own pharmacy, whatever <paramref name="pharmacyId"/> asks; anyone
    /// else none.
    /// </summary>
    public Task<IReadOnlyList<RegisterEntry>> EntriesAsync(Actor actor, ReportPeriod period, int? pharmacyId, CancellationToken cancellationToken) =>
        actor.IsAdmin ? EntriesAsync(period, pharmacyId, cancellationToken)
        : actor.IsPharmacist ? EntriesAsync(period, actor.PharmacyId, cancellationToken)
        : Task.FromResult<IReadOnlyList<RegisterEntry>>([]);

    private async Task<IReadOnlyList<RegisterEntry>> EntriesAsync(ReportPeriod period, int? pharmacyId, CancellationToken cancellationToken)
    {
        var (start, end) = clock.Bounds(period);
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

    /// <summary>The entries as RFC 4180 CSV (CRLF line ends, quoted where needed); formula-like cells neutralised.</summary>
    public static string ToCsv(IEnumerable<RegisterEntry> entries) => CsvExport.Write(CsvHeader, entries, e => (string[])
    [
        e.DispensedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), e.PharmacyCode, e.PharmacyName,
        e.PrescriptionId, e.Medication, e.Strength, e.Quantity.ToString(CultureInfo.InvariantCulture),
        e.Schedule == DrugSchedule.Schedule2 ? "2" : "3", e.PatientName, e.PatientHpn,
        e.IdDocumentType is { } t ? IdDocuments.Describe(t) : "", e.IdDocumentNumber ?? "", e.PharmacistName,
        e.PrescriberName, e.Notes ?? "",
    ]);
}
