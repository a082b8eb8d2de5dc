using Eps.Core.Accounts;
using Eps.Core.Dispensing;
using Eps.Core.Drugs;
using Eps.Core.Notifications;
using Eps.Core.Pharmacies;
using Eps.Core.Prescribing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Data;

/// <summary>
/// The Eps database. Each provider has a subclass (<see cref="SqliteEpsDbContext"/>, <see cref="PostgresEpsDbContext"/>, <see cref="SqlServerEpsDbContext"/>)
/// so that each keeps its own migrations; everything else asks for this type. It also holds the data-protection keys
/// (<see cref="DataProtectionKeys"/>), so that every instance on one database reads the cookies the others issue.
/// </summary>
public abstract class EpsDbContext(DbContextOptions options) : IdentityDbContext<EpsUser>(options), IDataProtectionKeyContext
{
    public DbSet<PatientProfile> Patients => Set<PatientProfile>();
    public DbSet<DoctorProfile> Doctors => Set<DoctorProfile>();
    public DbSet<PharmacistProfile> Pharmacists => Set<PharmacistProfile>();
    public DbSet<Pharmacy> Pharmacies => Set<Pharmacy>();
    public DbSet<PharmacyApiKey> PharmacyApiKeys => Set<PharmacyApiKey>();
    public DbSet<Drug> Drugs => Set<Drug>();
    public DbSet<PrescriptionRequest> PrescriptionRequests => Set<PrescriptionRequest>();
    public DbSet<PrescriptionRequestItem> PrescriptionRequestItems => Set<PrescriptionRequestItem>();
    public DbSet<Prescription> Prescriptions => Set<Prescription>();
    public DbSet<VerificationAttempt> VerificationAttempts => Set<VerificationAttempt>();
    public DbSet<DispenseRecord> DispenseRecords => Set<DispenseRecord>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<DigestRecord> DigestRecords => Set<DigestRecord>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();
    public DbSet<Audit.AuditHead> AuditHeads => Set<Audit.AuditHead>();
    public DbSet<Audit.AuditCheckpoint> AuditCheckpoints => Set<Audit.AuditCheckpoint>();
    public DbSet<Oversight.SecurityAlert> SecurityAlerts => Set<Oversight.SecurityAlert>();
    public DbSet<Oversight.IncidentReport> IncidentReports => Set<Oversight.IncidentReport>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<KeyStore.StoredSigningKey> SigningKeys => Set<KeyStore.StoredSigningKey>();

    /// <summary>Identity schema (version 3 adds passkeys); the app and design-time tooling must both use it.</summary>
    public static readonly Version IdentitySchema = IdentitySchemaVersions.Version3;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(EpsDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every stored instant is UTC; SQLite keeps no kind, so restore it on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AppendOnlyGuard.Check(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AppendOnlyGuard.Check(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}

/// <summary>The SQLite flavour of the model (embedded default).</summary>
public sealed class SqliteEpsDbContext(DbContextOptions<SqliteEpsDbContext> options) : EpsDbContext(options);

/// <summary>The SQL Server flavour of the model.</summary>
public sealed class SqlServerEpsDbContext(DbContextOptions<SqlServerEpsDbContext> options) : EpsDbContext(options);

/// <summary>The PostgreSQL flavour of the model.</summary>
public sealed class PostgresEpsDbContext(DbContextOptions<PostgresEpsDbContext> options) : EpsDbContext(options);
