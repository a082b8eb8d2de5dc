namespace Eps.Core.Drugs;

/// <summary>NAFDAC control schedule; 2 and 3 are controlled and need ID at dispensing.</summary>
public enum DrugSchedule
{
    None = 0,
    Schedule2 = 2,
    Schedule3 = 3,
}

/// <summary>Clinical risk as the catalogue grades it.</summary>
public enum RiskLevel
{
    Low = 0,
    Moderate = 1,
    ModerateHigh = 2,
    High = 3,
}

/// <summary>How the queue ranks a prescription; derived from the drug's schedule and risk.</summary>
public enum Priority
{
    Routine = 0,
    HighRisk = 1,
    Controlled = 2,
}

/// <summary>An entry of the drug catalogue.</summary>
public sealed class Drug
{
    public int Id { get; set; }
    public string GenericName { get; set; } = "";

    /// <summary>Available strengths, comma separated as printed (e.g. "250 mg, 500 mg").</summary>
    public string Strengths { get; set; } = "";
    public string Form { get; set; } = "";
    public string Category { get; set; } = "";
    public DrugSchedule Schedule { get; set; }
    public RiskLevel RiskLevel { get; set; }

    /// <summary>When the drug left the catalogue: it cannot be requested or approved after; issued prescriptions keep working.</summary>
    public DateTime? RetiredAt { get; set; }

    public bool IsControlled => Schedule.IsControlled();
    public bool IsHighRisk => RiskLevel.IsHighRisk();
    public Priority Priority => DrugRules.PriorityOf(Schedule, RiskLevel);

    public IEnumerable<string> StrengthList =>
        Strengths.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

}
