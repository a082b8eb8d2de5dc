namespace Eps.Core.Prescribing;

/// <summary>
/// Outcome of a command on a request or prescription. <see cref="Errors"/> maps a field name to what is wrong with it,
/// so forms can show the message next to the field.
/// </summary>
public sealed record CommandResult(bool Succeeded, string Message, IReadOnlyDictionary<string, string> Errors)
{
    public static CommandResult Ok(string message) => new(true, message, new Dictionary<string, string>());

    public static CommandResult Fail(string message) => new(false, message, new Dictionary<string, string>());

    public static CommandResult Invalid(IReadOnlyDictionary<string, string> errors) =>
        new(false, "Please correct the highlighted fields.", errors);
}

/// <summary>One medicine on a new request.</summary>
public sealed record RequestedItem(int DrugId, string Strength, int Quantity, string? Notes);

/// <summary>A patient's new request.</summary>
public sealed record NewRequest(int PharmacyId, string Reason, IReadOnlyList<RequestedItem> Items);

/// <summary>The doctor's decision on one item at approval.</summary>
public sealed record ItemDecision(int ItemId, bool Approve, string Dosage, string Frequency, int Quantity, int Refills);

/// <summary>Result of an approval: the prescriptions that exist for the request afterwards.</summary>
public sealed record ApprovalResult(bool Succeeded, string Message, IReadOnlyList<string> PrescriptionIds, bool AlreadyDecided = false,
    IReadOnlyDictionary<string, string>? Errors = null);
