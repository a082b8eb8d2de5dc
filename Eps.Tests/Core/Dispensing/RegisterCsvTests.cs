using Eps.Core.Dispensing;
using Eps.Core.Drugs;

namespace Eps.Tests.Core.Dispensing;

public sealed class RegisterCsvTests
{
    private static RegisterEntry Entry(string patient = "Tunde Bakare", string? notes = null) => new(
        new DateTime(2026, 11, 27, 9, 5, 0, DateTimeKind.Utc), "PHB-PH-200202", "Wuse Central Pharmacy", "RX-12345678", "Diazepam",
        "5 mg", 14, DrugSchedule.Schedule3, patient, "9876543210", IdDocumentType.InternationalPassport, "A12345678",
        "Ibrahim Musa", "Dr Chinedu Eze", notes);

    [Fact]
    public void Records_end_with_crlf_and_hold_who_what_how_much_and_the_id_seen()
    {
        var csv = ControlledRegister.ToCsv([Entry()]);

        Assert.Equal(
            "dispensed_at_utc,pharmacy_code,pharmacy,prescription_id,medication,strength,quantity,schedule,patient,patient_hpn,id_document_type,id_document_number,pharmacist,prescriber,notes\r\n"
            + "2026-11-27 09:05:00,PHB-PH-200202,Wuse Central Pharmacy,RX-12345678,Diazepam,5 mg,14,3,Tunde Bakare,9876543210,International passport,A12345678,Ibrahim Musa,Dr Chinedu Eze,\r\n",
            csv);
    }

    [Fact]
    public void Commas_quotes_and_line_breaks_are_quoted_and_formulas_are_neutralised()
    {
        var csv = ControlledRegister.ToCsv([Entry(patient: "=HYPERLINK(\"x\")", notes: "seen, \"ok\"\nsecond line")]);

        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\")\",", csv, StringComparison.Ordinal);
        Assert.EndsWith(",\"seen, \"\"ok\"\"\nsecond line\"\r\n", csv, StringComparison.Ordinal);
    }
}
