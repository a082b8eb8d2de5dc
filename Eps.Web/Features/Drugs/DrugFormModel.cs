using Eps.Core.Drugs;

namespace Eps.Web.Features.Drugs;

/// <summary>The catalogue form's fields, owned by the page while the form is open.</summary>
public sealed class DrugFormModel
{
    public int? Id { get; init; }
    public string Original { get; init; } = "";
    public string GenericName { get; set; } = "";
    public string Strengths { get; set; } = "";
    public string Form { get; set; } = "";
    public string Category { get; set; } = "";
    public DrugSchedule Schedule { get; set; }
    public RiskLevel RiskLevel { get; set; }

    public DrugDraft Draft => new(GenericName, Strengths, Form, Category, Schedule, RiskLevel);

    public static DrugFormModel Of(Drug drug) => new()
    {
        Id = drug.Id, Original = drug.GenericName, GenericName = drug.GenericName, Strengths = drug.Strengths, Form = drug.Form,
        Category = drug.Category, Schedule = drug.Schedule, RiskLevel = drug.RiskLevel,
    };
}
