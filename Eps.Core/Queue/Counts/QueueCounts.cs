using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Eps.Core.Queue.Counts;

/// <summary>
/// How many of a pharmacy's prescriptions are in one state with one schedule and risk. The database keeps it: a trigger
/// on <c>Prescriptions</c> (<see cref="QueueCountTriggers"/>) adds and subtracts in the same transaction as every insert,
/// state change, move to another pharmacy and delete, so the queue's history-wide stats are exact without counting rows.
/// </summary>
public sealed class PharmacyQueueCount
{
    public int PharmacyId { get; set; }
    public PrescriptionState Status { get; set; }
    public DrugSchedule Schedule { get; set; }
    public RiskLevel RiskLevel { get; set; }
    public int Count { get; set; }
}

/// <summary>The same count for one patient at one pharmacy: the stats of a name or HPN search add up these rows.</summary>
public sealed class PatientQueueCount
{
    public int PharmacyId { get; set; }
    public int PatientId { get; set; }
    public PrescriptionState Status { get; set; }
    public DrugSchedule Schedule { get; set; }
    public RiskLevel RiskLevel { get; set; }
    public int Count { get; set; }
}

internal sealed class PharmacyQueueCountConfiguration : IEntityTypeConfiguration<PharmacyQueueCount>
{
    public void Configure(EntityTypeBuilder<PharmacyQueueCount> builder)
    {
        builder.ToTable(QueueCountTriggers.PharmacyTable);
        builder.HasKey(c => new { c.PharmacyId, c.Status, c.Schedule, c.RiskLevel });
    }
}

internal sealed class PatientQueueCountConfiguration : IEntityTypeConfiguration<PatientQueueCount>
{
    public void Configure(EntityTypeBuilder<PatientQueueCount> builder)
    {
        builder.ToTable(QueueCountTriggers.PatientTable);
        builder.HasKey(c => new { c.PharmacyId, c.PatientId, c.Status, c.Schedule, c.RiskLevel });
    }
}
