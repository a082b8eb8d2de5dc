using System.Collections.Concurrent;
using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Dispensing;
using Eps.Core.Drugs;
using Eps.Core.Notifications;
using Eps.Core.Prescribing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Eps.Benchmarks.Notifications;

/// <summary>How big the simulated week is, and its mix of medicines and collections.</summary>
internal sealed record WeekScale(int Patients, int Prescriptions, double Controlled = 0.08, double HighRisk = 0.12, double Collected = 0.35);

/// <summary>One pharmacy's week: what it was sent prescriptions for, and the emails it received.</summary>
internal sealed record PharmacyWeek(string Name, string Email, int Prescriptions, int Controlled, int DaysWithPendingWork, int Digests, int Alerts);

/// <summary>What the week produced. Email counts are of messages actually handed to the transport.</summary>
internal sealed record WeekResult(
    int Patients, int Prescriptions, int Controlled, int HighRisk, int Collected,
    IReadOnlyList<int> PendingPharmaciesPerDay, IReadOnlyList<int> DigestsPerDay,
    IReadOnlyDictionary<string, int> SentByKind, int Delivered, IReadOnlyList<PharmacyWeek> Pharmacies)
{
    public int Sent(string kind) => SentByKind.GetValueOrDefault(kind);

    public int PatientEmails => SentByKind.Where(k => k.Key.StartsWith("patient.", StringComparison.Ordinal)).Sum(k => k.Value);

    public int PharmacyEmails => SentByKind.Where(k => k.Key.StartsWith("pharmacy.", StringComparison.Ordinal)).Sum(k => k.Value);
}

/// <summary>
/// A week of Eps through the real services: bulk-created patients, one-item requests approved by the doctor at
/// spread-out times each day, some collected the following days, the digest at 08:00 Lagos every morning, and the
/// outbox drained after each step. Deterministic (fixed seed). Eps.Tests compiles this same file and asserts the rule
/// at a tenth of the scale.
/// </summary>
internal sealed class WeekSimulation(IServiceProvider services, Action<DateTimeOffset> setClock)
{
    private const int Days = 7;

    /// <summary>Saturday 28 November 2026, 00:00 in Lagos.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 23, 0, 0, TimeSpan.Zero);

    private readonly Random _random = new(20261128);
    private readonly IDbContextFactory<EpsDbContext> _db = services.GetRequiredService<IDbContextFactory<EpsDbContext>>();
    private readonly RecipientCounter _transport = new();

    public async Task<WeekResult> RunAsync(WeekScale scale, CancellationToken cancellationToken)
    {
        var sender = ActivatorUtilities.CreateInstance<OutboxSender>(services, (IMailTransport)_transport);
        var digests = services.GetRequiredService<DigestService>();
        var patients = await CreatePatientsAsync(scale.Patients, cancellationToken);
        var (pharmacies, drugs, doctor) = await LoadCastAsync(cancellationToken);
        var pendingPerDay = new List<HashSet<int>>();
        var digestsPerDay = new List<int>();

        for (var day = 0; day < Days; day++)
        {
            var dayStart = Start.AddDays(day);
            var count = scale.Prescriptions / Days + (day < scale.Prescriptions % Days ? 1 : 0);
            for (var i = 0; i < count; i++)
            {
                setClock(dayStart.AddHours(9).AddSeconds(i * 36_000.0 / count));
                var drug = PickDrug(drugs, scale);
                await SubmitAndApproveAsync(patients[_random.Next(patients.Count)], doctor, pharmacies[_random.Next(pharmacies.Count)].Id,
                    drug, cancellationToken);
            }

            setClock(dayStart.AddHours(19));
            await CollectSomeAsync(dayStart, scale.Collected, cancellationToken);
            await DrainAsync(sender, cancellationToken);

            // The next morning's digest, with the rule's expectation taken first.
            setClock(dayStart.AddDays(1).AddHours(8));
            pendingPerDay.Add(await PharmaciesWithPendingWorkAsync(cancellationToken));
            digestsPerDay.Add(await digests.RunIfDueAsync(cancellationToken));
            await DrainAsync(sender, cancellationToken);
        }

        return await SummarizeAsync(scale.Patients, pharmacies, pendingPerDay, digestsPerDay, cancellationToken);
    }

    private async Task<List<Actor>> CreatePatientsAsync(int count, CancellationToken cancellationToken)
    {
        // Straight through EF with no password: hashing thousands of passwords would only measure PBKDF2.
        await using var db = await _db.CreateDbContextAsync(cancellationToken);
        var roleId = await db.Roles.Where(r => r.Name == Roles.Patient).Select(r => r.Id).SingleAsync(cancellationToken);
        var profiles = new List<PatientProfile>(count);
        for (var i = 0; i < count; i++)
        {
            var email = $"sim.patient{i:D5}@patients.eps.test";
            var user = new EpsUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, FullName = $"Simulated Patient {i:D5}",
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
            profiles.Add(new PatientProfile { User = user, UserId = user.Id, Hpn = (5_000_000_000L + i).ToString("D10", System.Globalization.CultureInfo.InvariantCulture), Email = email });
        }

        db.Patients.AddRange(profiles);
        await db.SaveChangesAsync(cancellationToken);
        var roles = new HashSet<string>(StringComparer.Ordinal) { Roles.Patient };
        return [.. profiles.Select(p => new Actor(p.UserId, p.User.FullName, roles, p.Id, null, null))];
    }

    private async Task<(List<(int Id, string Email, string Name)> Pharmacies, Dictionary<Priority, List<(int Id, string Strength)>> Drugs, Actor Doctor)>
        LoadCastAsync(CancellationToken cancellationToken)
    {
        await using var db = await _db.CreateDbContextAsync(cancellationToken);
        var pharmacies = (await db.Pharmacies.OrderBy(p => p.Id).ToListAsync(cancellationToken)).ConvertAll(p => (p.Id, p.Email, p.Name));
        var drugs = (await db.Drugs.OrderBy(d => d.Id).ToListAsync(cancellationToken))
            .GroupBy(d => d.Priority).ToDictionary(g => g.Key, g => g.Select(d => (d.Id, d.StrengthList.First())).ToList());
        var doctorId = await db.Users.Where(u => u.Email == "doctor@eps.test").Select(u => u.Id).SingleAsync(cancellationToken);
        var doctor = await services.GetRequiredService<ActorDirectory>().FindAsync(doctorId, cancellationToken)
            ?? throw new InvalidOperationException("The demo doctor is missing.");
        return (pharmacies, drugs, doctor);
    }

    private (int Id, string Strength, bool Controlled) PickDrug(Dictionary<Priority, List<(int Id, string Strength)>> drugs, WeekScale scale)
    {
        var roll = _random.NextDouble();
        var priority = roll < scale.Controlled ? Priority.Controlled : roll < scale.Controlled + scale.HighRisk ? Priority.HighRisk : Priority.Routine;
        var choices = drugs[priority];
        var (id, strength) = choices[_random.Next(choices.Count)];
        return (id, strength, priority == Priority.Controlled);
    }

    private async Task SubmitAndApproveAsync(Actor patient, Actor doctor, int pharmacyId, (int Id, string Strength, bool Controlled) drug,
        CancellationToken cancellationToken)
    {
        var (submitted, reference) = await services.GetRequiredService<PatientRequests>().SubmitAsync(
            patient, new NewRequest(pharmacyId, "Repeat of my usual medicine", [new RequestedItem(drug.Id, drug.Strength, 28, null)]), cancellationToken);
        if (!submitted.Succeeded)
        {
            throw new InvalidOperationException($"Request refused: {submitted.Message}");
        }

        await using var db = await _db.CreateDbContextAsync(cancellationToken);
        var ids = await db.PrescriptionRequests.Where(r => r.Reference == reference)
            .Select(r => new { r.Id, Item = r.Items.Select(i => i.Id).Single() }).SingleAsync(cancellationToken);
        // Schedule 2/3 approvals are signed with the doctor's current authenticator code, as on the review page.
        var code = drug.Controlled ? await Signing.CodeAsync(services) : null;
        var approved = await services.GetRequiredService<Approvals>().ApproveAsync(doctor, ids.Id,
            [new ItemDecision(ids.Item, true, "As directed", "Once daily", 28, 0)], null, code, cancellationToken);
        if (!approved.Succeeded)
        {
            throw new InvalidOperationException($"Approval failed: {approved.Message}");
        }
    }

    /// <summary>Each prescription issued on an earlier day and still waiting is collected today with the given chance.</summary>
    private async Task CollectSomeAsync(DateTimeOffset dayStart, double chance, CancellationToken cancellationToken)
    {
        List<(string RxNumber, Guid Nonce, int PharmacyId, string Code)> waiting;
        await using (var db = await _db.CreateDbContextAsync(cancellationToken))
        {
            var before = dayStart.UtcDateTime;
            waiting = (await db.Prescriptions.Where(p => p.Status == PrescriptionState.PendingCollection && p.IssuedAt < before)
                .OrderBy(p => p.Id).Select(p => new { p.RxNumber, p.Nonce, p.PharmacyId, p.Pharmacy.Code }).ToListAsync(cancellationToken))
                .ConvertAll(p => (p.RxNumber, p.Nonce, p.PharmacyId, p.Code));
        }

        var dispensing = services.GetRequiredService<DispenseService>();
        foreach (var rx in waiting.Where(_ => _random.NextDouble() < chance))
        {
            var outcome = await dispensing.DispenseAsync(
                new DispenseCommand(rx.RxNumber, rx.Nonce, rx.Code, "Duty pharmacist", null, IdDocumentType.Nin, "12345678901"),
                new RequestOrigin("127.0.0.1", "simulation", rx.PharmacyId), cancellationToken);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"Dispense failed: {outcome.Message}");
            }
        }
    }

    private async Task<HashSet<int>> PharmaciesWithPendingWorkAsync(CancellationToken cancellationToken)
    {
        await using var db = await _db.CreateDbContextAsync(cancellationToken);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return [.. await db.Prescriptions.Where(p => p.Status == PrescriptionState.PendingCollection && p.ExpiresAt > now)
            .Select(p => p.PharmacyId).Distinct().ToListAsync(cancellationToken)];
    }

    private static async Task DrainAsync(OutboxSender sender, CancellationToken cancellationToken)
    {
        while (await sender.DeliverDueAsync(cancellationToken) > 0)
        {
        }
    }

    private async Task<WeekResult> SummarizeAsync(int patients, List<(int Id, string Email, string Name)> pharmacies,
        List<HashSet<int>> pendingPerDay, List<int> digestsPerDay, CancellationToken cancellationToken)
    {
        await using var db = await _db.CreateDbContextAsync(cancellationToken);
        var issued = await db.Prescriptions.Select(p => new { p.PharmacyId, p.Schedule, p.RiskLevel, p.Status }).ToListAsync(cancellationToken);
        var sent = await db.Outbox.Where(m => m.Status == OutboxStatus.Sent).GroupBy(m => new { m.Kind, m.To })
            .Select(g => new { g.Key.Kind, g.Key.To, Count = g.Count() }).ToListAsync(cancellationToken);
        int SentTo(string kind, string to) => sent.Where(s => s.Kind == kind && s.To == to).Sum(s => s.Count);

        return new WeekResult(
            patients, issued.Count,
            issued.Count(p => DrugRules.PriorityOf(p.Schedule, p.RiskLevel) == Priority.Controlled),
            issued.Count(p => DrugRules.PriorityOf(p.Schedule, p.RiskLevel) == Priority.HighRisk),
            issued.Count(p => p.Status == PrescriptionState.Dispensed),
            [.. pendingPerDay.Select(d => d.Count)], digestsPerDay,
            sent.GroupBy(s => s.Kind).ToDictionary(g => g.Key, g => g.Sum(s => s.Count), StringComparer.Ordinal),
            _transport.Total,
            [.. pharmacies.Select(p => new PharmacyWeek(
                p.Name, p.Email, issued.Count(i => i.PharmacyId == p.Id),
                issued.Count(i => i.PharmacyId == p.Id && DrugRules.PriorityOf(i.Schedule, i.RiskLevel) == Priority.Controlled),
                pendingPerDay.Count(d => d.Contains(p.Id)),
                SentTo(EmailTemplates.PharmacyDigestKind, p.Email), SentTo(EmailTemplates.PharmacyControlledKind, p.Email)))]);
    }

    /// <summary>Stands in for the mail server: counts what it is handed, per recipient.</summary>
    private sealed class RecipientCounter : IMailTransport
    {
        private readonly ConcurrentDictionary<string, int> _byRecipient = new(StringComparer.OrdinalIgnoreCase);

        public int Total => _byRecipient.Values.Sum();

        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            foreach (var to in message.To.Mailboxes)
            {
                _byRecipient.AddOrUpdate(to.Address, 1, (_, n) => n + 1);
            }

            return Task.CompletedTask;
        }
    }
}
