using Eps.Core.Dispensing;
using Eps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Eps.Web.Features.Dispensing;

/// <summary>Checks the dispense body field by field; the first problem is reported with its JSON name.</summary>
internal static class DispenseBodyValidator
{
    private const int MaxText = 200;

    public static (DispenseCommand? Command, ProblemHttpResult? Problem) Validate(DispenseBody body)
    {
        if (string.IsNullOrWhiteSpace(body.PrescriptionId) || body.PrescriptionId.Length > 32)
        {
            return (null, JsonBody.Problem("prescription_id", "prescription_id is required (e.g. PHB-RX-12345678)."));
        }

        if (!Guid.TryParse(body.Nonce, out var nonce))
        {
            return (null, JsonBody.Problem("nonce", "nonce must be the prescription's UUID."));
        }

        if (string.IsNullOrWhiteSpace(body.PharmacyCode) || body.PharmacyCode.Length > 32)
        {
            return (null, JsonBody.Problem("pharmacy_code", "pharmacy_code is required (e.g. PHB-PH-123456)."));
        }

        if (body.PharmacistName?.Length > MaxText)
        {
            return (null, JsonBody.Problem("pharmacist_name", $"pharmacist_name is at most {MaxText} characters."));
        }

        if (body.VerificationNotes?.Length > 1000)
        {
            return (null, JsonBody.Problem("verification_notes", "verification_notes is at most 1000 characters."));
        }

        IdDocumentType? type = null;
        if (!string.IsNullOrWhiteSpace(body.IdDocumentType))
        {
            type = ParseIdType(body.IdDocumentType);
            if (type is null)
            {
                return (null, JsonBody.Problem("id_document_type",
                    "id_document_type must be one of: nin, drivers_licence, international_passport."));
            }
        }

        if (body.IdDocumentNumber?.Length > 64)
        {
            return (null, JsonBody.Problem("id_document_number", "id_document_number is too long."));
        }

        return (new DispenseCommand(body.PrescriptionId.Trim(), nonce, body.PharmacyCode.Trim(), body.PharmacistName?.Trim() ?? "",
            body.VerificationNotes, type, body.IdDocumentNumber), null);
    }

    private static IdDocumentType? ParseIdType(string value) =>
        value.Trim().ToLowerInvariant().Replace("'", "", StringComparison.Ordinal).Replace(' ', '_') switch
        {
            "nin" => IdDocumentType.Nin,
            "drivers_licence" or "drivers_license" or "driver_licence" => IdDocumentType.DriversLicence,
            "international_passport" or "passport" => IdDocumentType.InternationalPassport,
            _ => null,
        };
}
