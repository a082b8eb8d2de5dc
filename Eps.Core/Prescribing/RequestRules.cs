namespace Eps.Core.Prescribing;

/// <summary>The request state machine: which transitions are allowed from which state.</summary>
public static class RequestRules
{
    public const int MaxItems = 10;
    public const int MaxQuantity = 1000;
    public const int MaxRefills = 12;

    public static bool CanTriage(RequestStatus status) => status == RequestStatus.Submitted;

    /// <summary>A doctor may decide on a request that was forwarded or escalated, or directly on a submitted one.</summary>
    public static bool CanDecide(RequestStatus status) => status is RequestStatus.Submitted or RequestStatus.AwaitingDoctor;

    /// <summary>The patient may withdraw a request until a doctor or pharmacist has decided on it.</summary>
    public static bool CanWithdraw(RequestStatus status) => CanDecide(status);

    public static string Describe(RequestStatus status) => status switch
    {
        RequestStatus.Submitted => "Submitted",
        RequestStatus.AwaitingDoctor => "Awaiting doctor",
        RequestStatus.Approved => "Approved",
        RequestStatus.Rejected => "Rejected",
        RequestStatus.Withdrawn => "Withdrawn",
        _ => status.ToString(),
    };

    /// <summary>Checks a new request field by field; keys are the form's field names.</summary>
    public static Dictionary<string, string> Validate(NewRequest request)
    {
        var errors = new Dictionary<string, string>();
        if (request.PharmacyId <= 0)
        {
            errors["pharmacy"] = "Choose the pharmacy where you will collect your medicines.";
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = "Tell the doctor why you need these medicines.";
        }
        else if (request.Reason.Length > 1000)
        {
            errors["reason"] = "Keep the reason under 1000 characters.";
        }

        if (request.Items.Count == 0)
        {
            errors["items"] = "Add at least one medicine.";
        }
        else if (request.Items.Count > MaxItems)
        {
            errors["items"] = $"Request at most {MaxItems} medicines at a time.";
        }
        else if (request.Items.GroupBy(i => (i.DrugId, i.Strength)).Any(g => g.Count() > 1))
        {
            errors["items"] = "Each medicine and strength can appear once; change the quantity instead.";
        }

        for (var i = 0; i < request.Items.Count; i++)
        {
            var item = request.Items[i];
            if (item.Quantity is < 1 or > MaxQuantity)
            {
                errors[$"items[{i}].quantity"] = $"Quantity must be between 1 and {MaxQuantity}.";
            }

            if (string.IsNullOrWhiteSpace(item.Strength))
            {
                errors[$"items[{i}].strength"] = "Choose a strength.";
            }

            if (item.Notes?.Length > 500)
            {
                errors[$"items[{i}].notes"] = "Keep notes under 500 characters.";
            }
        }

        return errors;
    }

    /// <summary>Checks the doctor's edits for the items being approved.</summary>
    public static Dictionary<string, string> Validate(IReadOnlyList<ItemDecision> decisions)
    {
        var errors = new Dictionary<string, string>();
        if (!decisions.Any(d => d.Approve))
        {
            errors["items"] = "Select at least one item to approve, or reject the request.";
        }

        foreach (var d in decisions.Where(d => d.Approve))
        {
            if (string.IsNullOrWhiteSpace(d.Dosage) || d.Dosage.Length > 500)
            {
                errors[$"item-{d.ItemId}.dosage"] = "Enter dose instructions (up to 500 characters).";
            }

            if (string.IsNullOrWhiteSpace(d.Frequency) || d.Frequency.Length > 100)
            {
                errors[$"item-{d.ItemId}.frequency"] = "Enter how often (up to 100 characters).";
            }

            if (d.Quantity is < 1 or > MaxQuantity)
            {
                errors[$"item-{d.ItemId}.quantity"] = $"Quantity must be between 1 and {MaxQuantity}.";
            }

            if (d.Refills is < 0 or > MaxRefills)
            {
                errors[$"item-{d.ItemId}.refills"] = $"Refills must be between 0 and {MaxRefills}.";
            }
        }

        return errors;
    }
}
