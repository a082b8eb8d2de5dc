using System.Text.Json.Serialization;

namespace Eps.Web.Features.Prescribing;

/// <summary>A patient's new request: medicines from the catalogue, why, and where to collect (code or id; the default pharmacy when neither).</summary>
internal sealed record NewRequestBody(string? PharmacyCode, int? PharmacyId, string? Reason, IReadOnlyList<RequestedItemBody>? Medications);

/// <summary>One medicine on a new request: a catalogue drug id (see GET /api/drugs/), a strength it comes in, how many.</summary>
internal sealed record RequestedItemBody(int? DrugId, string? Strength, int? Quantity, string? Notes);

/// <summary>A pharmacist's escalation note, or a rejection or cancellation reason.</summary>
internal sealed record NoteBody(string? Note);

/// <summary>A rejection or cancellation reason.</summary>
internal sealed record ReasonBody(string? Reason);

/// <summary>The doctor's approval: per item the seed's dose instructions, frequency, quantity and refills; the authenticator code for Schedule 2/3.</summary>
internal sealed record ApproveBody(string? ClinicalNotes, string? TotpCode, IReadOnlyList<ItemDecisionBody>? Medications);

/// <summary>The decision on one request item; items left out (or with approve false) are not prescribed.</summary>
internal sealed record ItemDecisionBody(int? ItemId, bool? Approve, string? DosageInstructions, string? Frequency, int? Quantity, int? RefillsAllowed);

/// <summary>The outcome of a command on a request.</summary>
internal sealed record RequestCommandResponse(bool Success, string Message, string RequestReference, string Status);

/// <summary>The outcome of a triage or review command on a request, by its id.</summary>
internal sealed record TriageResponse(bool Success, string Message, int RequestId, string Status);

/// <summary>The outcome of a prescriber's cancellation.</summary>
internal sealed record CancelResponse(bool Success, string Message, string PrescriptionId, string Status);

/// <summary>The seed's approval response.</summary>
internal sealed record ApprovalResponse(bool Success, string Message, string RequestReference, int PrescriptionsCreated, IReadOnlyList<string> PrescriptionIds);

/// <summary>A list of requests.</summary>
internal sealed record RequestListResponse(int Count, IReadOnlyList<RequestResponse> Requests);

/// <summary>A request with its items and its status timeline.</summary>
internal sealed record RequestResponse(
    int Id, string RequestReference, string Status, string StatusLabel, DateTime SubmittedAt, string Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PatientName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PatientHpn,
    PharmacyRef Pharmacy, bool Escalated,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TriageNote,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReviewerName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RejectionReason,
    bool HasControlled, bool HasHighRisk,
    IReadOnlyList<RequestItemResponse> Medications, IReadOnlyList<string> PrescriptionIds, IReadOnlyList<TimelineResponse> Timeline);

/// <summary>A pharmacy as a request names it.</summary>
internal sealed record PharmacyRef(int Id, string Name, string City);

/// <summary>One item of a request, and what the doctor approved of it.</summary>
internal sealed record RequestItemResponse(
    int ItemId, int DrugId, string MedicationName, string Strength, string Form, int QuantityRequested, string? Notes,
    string Priority, bool IsControlled, bool IsHighRisk, string? NafdacSchedule,
    bool? Approved, int? ApprovedQuantity, string? ApprovedDosage, string? ApprovedFrequency, int RefillsAllowed);

/// <summary>One step of a request's history.</summary>
internal sealed record TimelineResponse(DateTime At, string Title, string? Detail);

/// <summary>A request under review with the patient's earlier prescriptions.</summary>
internal sealed record ReviewResponse(RequestResponse Request, IReadOnlyList<MedicationResponse> History);

/// <summary>The patient's (or a prescriber's) prescriptions.</summary>
internal sealed record MedicationListResponse(int Count, IReadOnlyList<MedicationResponse> Medications);

/// <summary>
/// One prescription (the seed's Medication): its state, the nominated pharmacy's contact details and, while it can be
/// collected, the signed token: <c>qr_data</c> is exactly the text the printed QR code holds, which
/// POST /api/prescriptions/verify/ accepts as <c>{"token": qr_data}</c>.
/// </summary>
internal sealed record MedicationResponse(
    int Id, string PrescriptionId, string MedicationName, string Strength, string Form, string Dosage, string Frequency,
    int Quantity, int RefillsAllowed, string Status, string StatusLabel, DateTime IssuedDate, DateTime ExpiryDate,
    string PrescriberName, string RequestReference, NominatedPharmacyResponse NominatedPharmacy,
    string Priority, bool IsControlled, bool IsHighRisk, bool RequiresIdVerification, string? NafdacSchedule,
    DateTime? DispensedAt, string? DispensedBy, DateTime? CancelledAt, string? CancellationReason,
    string? Token, string? QrData, string? TokenPageUrl);

/// <summary>The seed's pharmacy block.</summary>
internal sealed record NominatedPharmacyResponse(string Name, string Code, string Address, string City, string Postcode, string Phone, string Email);

/// <summary>A medicine patients may request.</summary>
internal sealed record DrugResponse(
    int Id, string GenericName, IReadOnlyList<string> Strengths, string Form, string Category, string Priority, bool IsControlled,
    bool IsHighRisk, string? NafdacSchedule);

/// <summary>A pharmacy patients may nominate.</summary>
internal sealed record PharmacyResponse(int Id, string Code, string Name, string Address, string City, string Postcode, string Phone);

/// <summary>A pharmacy's API key on the admin's list; <c>key</c> only in the answer that issued it.</summary>
internal sealed record ApiKeyResponse(
    int Id, string PharmacyCode, string Name, string Prefix, DateTime CreatedAt, DateTime? RevokedAt, bool Active,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Key);

/// <summary>A pharmacy's API keys.</summary>
internal sealed record ApiKeyListResponse(int Count, IReadOnlyList<ApiKeyResponse> Keys);

/// <summary>A new API key's name.</summary>
internal sealed record NewApiKeyBody(string? Name);
