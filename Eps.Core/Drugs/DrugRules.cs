namespace Eps.Core.Drugs;

/// <summary>
/// The catalogue's two classifications, written once: a drug is controlled when its NAFDAC schedule is 2 or 3, and
/// high risk when the catalogue grades it high or moderate-high. Queries use the arrays
/// (<c>DrugRules.HighRiskLevels.Contains(p.RiskLevel)</c>, translated to SQL <c>IN</c>); code uses the methods.
/// </summary>
public static class DrugRules
{
    public static readonly DrugSchedule[] ControlledSchedules = [DrugSchedule.Schedule2, DrugSchedule.Schedule3];

    public static readonly RiskLevel[] HighRiskLevels = [RiskLevel.High, RiskLevel.ModerateHigh];

    public static bool IsControlled(this DrugSchedule schedule) => ControlledSchedules.Contains(schedule);

    public static bool IsHighRisk(this RiskLevel risk) => HighRiskLevels.Contains(risk);

    /// <summary>Controlled before high risk: a controlled drug is listed as controlled whatever its risk grade.</summary>
    public static Priority PriorityOf(DrugSchedule schedule, RiskLevel risk) =>
        schedule.IsControlled() ? Priority.Controlled : risk.IsHighRisk() ? Priority.HighRisk : Priority.Routine;
}
