using Eps.Core.Drugs;

namespace Eps.Core.Data.Seed;

/// <summary>The starting drug catalogue: common medicines with their NAFDAC schedule and clinical risk.</summary>
internal static class DrugCatalogue
{
    private const DrugSchedule None = DrugSchedule.None;
    private const DrugSchedule S2 = DrugSchedule.Schedule2;
    private const DrugSchedule S3 = DrugSchedule.Schedule3;

    public static IReadOnlyList<Drug> All { get; } =
    [
        // Controlled: Schedule 2
        New("Morphine sulfate", "10 mg, 30 mg", "Tablet", "Opioid analgesic", S2, RiskLevel.High),
        New("Pethidine", "50 mg/mL, 100 mg/2 mL", "Injection", "Opioid analgesic", S2, RiskLevel.High),
        New("Fentanyl", "12 mcg/h, 25 mcg/h, 50 mcg/h", "Transdermal patch", "Opioid analgesic", S2, RiskLevel.High),
        New("Oxycodone", "5 mg, 10 mg", "Tablet", "Opioid analgesic", S2, RiskLevel.High),
        New("Methylphenidate", "10 mg, 20 mg", "Tablet", "CNS stimulant", S2, RiskLevel.Moderate),
        // Controlled: Schedule 3
        New("Tramadol", "50 mg, 100 mg", "Capsule", "Opioid analgesic", S3, RiskLevel.ModerateHigh),
        New("Codeine phosphate", "15 mg, 30 mg", "Tablet", "Opioid analgesic", S3, RiskLevel.Moderate),
        New("Co-codamol (codeine/paracetamol)", "8 mg/500 mg, 30 mg/500 mg", "Tablet", "Opioid analgesic", S3, RiskLevel.Moderate),
        New("Codeine linctus", "15 mg/5 mL", "Oral solution", "Antitussive", S3, RiskLevel.Moderate),
        New("Pentazocine", "30 mg/mL", "Injection", "Opioid analgesic", S3, RiskLevel.ModerateHigh),
        New("Buprenorphine", "200 mcg, 400 mcg", "Sublingual tablet", "Opioid analgesic", S3, RiskLevel.High),
        New("Diazepam", "2 mg, 5 mg, 10 mg", "Tablet", "Benzodiazepine", S3, RiskLevel.Moderate),
        New("Lorazepam", "1 mg, 2 mg", "Tablet", "Benzodiazepine", S3, RiskLevel.Moderate),
        New("Alprazolam", "250 mcg, 500 mcg", "Tablet", "Benzodiazepine", S3, RiskLevel.Moderate),
        New("Bromazepam", "1.5 mg, 3 mg", "Tablet", "Benzodiazepine", S3, RiskLevel.Moderate),
        New("Phenobarbital", "30 mg, 60 mg", "Tablet", "Anticonvulsant", S3, RiskLevel.ModerateHigh),
        // High risk, not controlled
        New("Warfarin", "1 mg, 3 mg, 5 mg", "Tablet", "Anticoagulant", None, RiskLevel.High),
        New("Methotrexate", "2.5 mg", "Tablet", "Antimetabolite", None, RiskLevel.High),
        New("Insulin glargine", "100 units/mL", "Injection (pen)", "Insulin", None, RiskLevel.High),
        New("Insulin soluble (human)", "100 units/mL", "Injection (vial)", "Insulin", None, RiskLevel.High),
        New("Digoxin", "62.5 mcg, 125 mcg, 250 mcg", "Tablet", "Cardiac glycoside", None, RiskLevel.High),
        New("Lithium carbonate", "250 mg, 400 mg", "Modified-release tablet", "Mood stabiliser", None, RiskLevel.High),
        New("Clozapine", "25 mg, 100 mg", "Tablet", "Antipsychotic", None, RiskLevel.High),
        New("Enoxaparin", "40 mg/0.4 mL, 60 mg/0.6 mL", "Injection", "Anticoagulant", None, RiskLevel.High),
        New("Amiodarone", "100 mg, 200 mg", "Tablet", "Antiarrhythmic", None, RiskLevel.ModerateHigh),
        New("Carbamazepine", "200 mg, 400 mg", "Tablet", "Anticonvulsant", None, RiskLevel.ModerateHigh),
        New("Phenytoin", "50 mg, 100 mg", "Capsule", "Anticonvulsant", None, RiskLevel.ModerateHigh),
        New("Glibenclamide", "2.5 mg, 5 mg", "Tablet", "Sulfonylurea", None, RiskLevel.ModerateHigh),
        // Routine
        New("Amoxicillin", "250 mg, 500 mg", "Capsule", "Penicillin antibiotic", None, RiskLevel.Low),
        New("Co-amoxiclav (amoxicillin/clavulanic acid)", "375 mg, 625 mg, 1 g", "Tablet", "Penicillin antibiotic", None, RiskLevel.Low),
        New("Azithromycin", "250 mg, 500 mg", "Tablet", "Macrolide antibiotic", None, RiskLevel.Low),
        New("Ciprofloxacin", "250 mg, 500 mg", "Tablet", "Quinolone antibiotic", None, RiskLevel.Moderate),
        New("Doxycycline", "100 mg", "Capsule", "Tetracycline antibiotic", None, RiskLevel.Low),
        New("Metronidazole", "200 mg, 400 mg", "Tablet", "Antibacterial", None, RiskLevel.Low),
        New("Artemether/lumefantrine", "20 mg/120 mg, 80 mg/480 mg", "Tablet", "Antimalarial", None, RiskLevel.Low),
        New("Paracetamol", "500 mg, 1 g", "Tablet", "Analgesic", None, RiskLevel.Low),
        New("Ibuprofen", "200 mg, 400 mg", "Tablet", "NSAID", None, RiskLevel.Moderate),
        New("Metformin", "500 mg, 850 mg, 1 g", "Tablet", "Biguanide", None, RiskLevel.Low),
        New("Amlodipine", "5 mg, 10 mg", "Tablet", "Calcium-channel blocker", None, RiskLevel.Low),
        New("Nifedipine", "20 mg, 30 mg", "Modified-release tablet", "Calcium-channel blocker", None, RiskLevel.Low),
        New("Lisinopril", "5 mg, 10 mg, 20 mg", "Tablet", "ACE inhibitor", None, RiskLevel.Low),
        New("Losartan", "25 mg, 50 mg, 100 mg", "Tablet", "Angiotensin-II receptor blocker", None, RiskLevel.Low),
        New("Hydrochlorothiazide", "12.5 mg, 25 mg", "Tablet", "Thiazide diuretic", None, RiskLevel.Low),
        New("Atorvastatin", "10 mg, 20 mg, 40 mg", "Tablet", "Statin", None, RiskLevel.Low),
        New("Simvastatin", "20 mg, 40 mg", "Tablet", "Statin", None, RiskLevel.Low),
        New("Omeprazole", "20 mg, 40 mg", "Capsule", "Proton-pump inhibitor", None, RiskLevel.Low),
        New("Salbutamol", "100 mcg/dose", "Inhaler", "Beta-2 agonist", None, RiskLevel.Low),
        New("Prednisolone", "5 mg, 25 mg", "Tablet", "Corticosteroid", None, RiskLevel.Moderate),
        New("Levothyroxine", "25 mcg, 50 mcg, 100 mcg", "Tablet", "Thyroid hormone", None, RiskLevel.Moderate),
        New("Sertraline", "50 mg, 100 mg", "Tablet", "SSRI antidepressant", None, RiskLevel.Moderate),
        New("Fluoxetine", "20 mg", "Capsule", "SSRI antidepressant", None, RiskLevel.Moderate),
        New("Cetirizine", "10 mg", "Tablet", "Antihistamine", None, RiskLevel.Low),
        New("Loratadine", "10 mg", "Tablet", "Antihistamine", None, RiskLevel.Low),
        New("Folic acid", "400 mcg, 5 mg", "Tablet", "Vitamin", None, RiskLevel.Low),
        New("Ferrous sulfate", "200 mg", "Tablet", "Iron supplement", None, RiskLevel.Low),
    ];

    private static Drug New(string name, string strengths, string form, string category, DrugSchedule schedule, RiskLevel risk) =>
        new() { GenericName = name, Strengths = strengths, Form = form, Category = category, Schedule = schedule, RiskLevel = risk };
}
