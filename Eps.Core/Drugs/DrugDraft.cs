using System.Globalization;

namespace Eps.Core.Drugs;

/// <summary>A catalogue entry as the admin's form or a CSV row enters it.</summary>
public sealed record DrugDraft(string GenericName, string Strengths, string Form, string Category, DrugSchedule Schedule, RiskLevel RiskLevel)
{
    public static DrugDraft Of(Drug d) => new(d.GenericName, d.Strengths, d.Form, d.Category, d.Schedule, d.RiskLevel);

    /// <summary>Trimmed, the strengths re-joined as "250 mg, 500 mg": the form the rules check and the database keeps.</summary>
    public DrugDraft Normalized() => this with
    {
        GenericName = string.Join(' ', (GenericName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)),
        Strengths = string.Join(", ", (Strengths ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        Form = (Form ?? "").Trim(),
        Category = (Category ?? "").Trim(),
    };
}

/// <summary>
/// The catalogue form's rules, field by field (keys are the form's field names, which are also the CSV's columns), and
/// the schedule and risk names the CSV uses.
/// </summary>
public static class DrugDraftRules
{
    public static Dictionary<string, string> Validate(DrugDraft draft)
    {
        var errors = new Dictionary<string, string>();
        Require(errors, "generic_name", draft.GenericName, 120, "Enter the generic name");
        Require(errors, "strengths", draft.Strengths, 200, "Enter the strengths, separated by commas (e.g. 250 mg, 500 mg)");
        var strengths = draft.Strengths.Split(", ");
        if (!errors.ContainsKey("strengths") && strengths.Distinct(StringComparer.OrdinalIgnoreCase).Count() != strengths.Length)
        {
            errors["strengths"] = "List each strength once.";
        }

        Require(errors, "form", draft.Form, 60, "Enter the form (e.g. Tablet, Capsule, Syrup)");
        Require(errors, "category", draft.Category, 80, "Enter the category (e.g. Antibiotic)");
        if (!Enum.IsDefined(draft.Schedule))
        {
            errors["schedule"] = "The NAFDAC schedule is none, 2 or 3.";
        }

        if (!Enum.IsDefined(draft.RiskLevel))
        {
            errors["risk_level"] = "The risk level is low, moderate, moderate_high or high.";
        }

        return errors;
    }

    public static string Describe(DrugSchedule schedule) => schedule switch
    {
        DrugSchedule.Schedule2 => "Schedule 2",
        DrugSchedule.Schedule3 => "Schedule 3",
        _ => "None",
    };

    public static string Describe(RiskLevel risk) => risk switch
    {
        RiskLevel.ModerateHigh => "Moderate-high",
        _ => risk.ToString(),
    };

    /// <summary>The schedule as the CSV writes it: none, 2 or 3.</summary>
    public static string Code(DrugSchedule schedule) =>
        schedule == DrugSchedule.None ? "none" : ((int)schedule).ToString(CultureInfo.InvariantCulture);

    /// <summary>The risk level as the CSV writes it: low, moderate, moderate_high or high.</summary>
    public static string Code(RiskLevel risk) => risk switch
    {
        RiskLevel.ModerateHigh => "moderate_high",
        _ => risk.ToString().ToLowerInvariant(),
    };

    /// <summary>Reads none/0/2/3 (or "Schedule 2"), any case.</summary>
    public static bool TryParseSchedule(string text, out DrugSchedule schedule)
    {
        var key = Squeeze(text).Replace("schedule", "", StringComparison.Ordinal);
        (var ok, schedule) = key switch
        {
            "none" or "0" => (true, DrugSchedule.None),
            "2" => (true, DrugSchedule.Schedule2),
            "3" => (true, DrugSchedule.Schedule3),
            _ => (false, DrugSchedule.None),
        };
        return ok;
    }

    /// <summary>Reads low, moderate, moderate_high (or moderate-high, "Moderate high") and high, any case.</summary>
    public static bool TryParseRisk(string text, out RiskLevel risk)
    {
        (var ok, risk) = Squeeze(text) switch
        {
            "low" => (true, RiskLevel.Low),
            "moderate" => (true, RiskLevel.Moderate),
            "moderatehigh" => (true, RiskLevel.ModerateHigh),
            "high" => (true, RiskLevel.High),
            _ => (false, RiskLevel.Low),
        };
        return ok;
    }

    private static string Squeeze(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '-'))).ToLowerInvariant();

    private static void Require(Dictionary<string, string> errors, string field, string value, int maxLength, string prompt)
    {
        if (value.Length == 0)
        {
            errors[field] = prompt + ".";
        }
        else if (value.Length > maxLength)
        {
            errors[field] = $"Keep it under {maxLength} characters.";
        }
    }
}
