using Eps.Core.Data;
using Eps.Core.Drugs;
using Eps.Core.Notifications;
using Eps.Core.Prescribing;
using Eps.Tests.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Notifications.NotificationKit;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Notifications;

/// <summary>Emails are written in the approval's transaction: an approval that does not commit leaves no email behind.</summary>
public sealed class OutboxTransactionTests
{
    // As in ApprovalAtomicityTests: too long for a token, so issuing the second item throws inside the transaction.
    private static readonly string LongName = "Hydroxychloroquine " + new string('x', 96);

    [Fact]
    public async Task An_approval_that_fails_while_issuing_queues_no_email()
    {
        using var smtp = SmtpSink.Start();
        await using var core = await StartAsync(smtp);
        await using (var db = await core.DbAsync())
        {
            db.Drugs.Add(new Drug
            {
                GenericName = LongName, Strengths = "200 mg", Form = "Tablet", Category = "Antimalarial",
                Schedule = DrugSchedule.Schedule3, RiskLevel = RiskLevel.Moderate,
            });
            await db.SaveChangesAsync();
        }

        var requestId = await SubmitAsync(core, Patient, Scenario.Lagos, Morphine, (LongName, "200 mg", 30));

        var result = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), requestId,
            await ApproveAllAsync(core, requestId), null, await SigningKit.CodeAsync(core.Services), None);

        Assert.False(result.Succeeded);
        Assert.Contains("nothing was saved", result.Message, StringComparison.Ordinal); // signed, then failed while issuing
        Assert.Empty(await OutboxAsync(core));
        Assert.Equal(0, await DeliverAllAsync(core));
        Assert.Equal(0, smtp.Count);
    }

    [Fact]
    public async Task An_approval_that_fails_after_its_emails_were_added_rolls_them_back_with_the_prescriptions()
    {
        using var smtp = SmtpSink.Start();
        await using var core = await StartAsync(smtp);
        // The database refuses the pharmacy alert, so the approval's final save fails after the patient's email and
        // the prescriptions are in the same unit of work.
        await ExecuteAsync(core, TestDatabase.Provider switch
        {
            DatabaseProvider.Postgres => """
                CREATE FUNCTION refuse_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW."Kind" = 'pharmacy.controlled-alert' THEN RAISE EXCEPTION 'alerts refused for this test'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER refuse_alerts BEFORE INSERT ON "Outbox" FOR EACH ROW EXECUTE FUNCTION refuse_alerts();
                """,
            DatabaseProvider.SqlServer => """
                CREATE TRIGGER refuse_alerts ON Outbox AFTER INSERT AS
                IF EXISTS (SELECT 1 FROM inserted WHERE Kind = 'pharmacy.controlled-alert') THROW 50000, 'alerts refused for this test', 1;
                """,
            _ => """
                CREATE TRIGGER refuse_alerts BEFORE INSERT ON Outbox WHEN NEW.Kind = 'pharmacy.controlled-alert'
                BEGIN SELECT RAISE(ABORT, 'alerts refused for this test'); END;
                """,
        });
        var requestId = await SubmitAsync(core, Patient, Scenario.Lagos, Amoxicillin, Morphine);

        var failed = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), requestId,
            await ApproveAllAsync(core, requestId), null, await SigningKit.CodeAsync(core.Services), None);

        Assert.False(failed.Succeeded);
        Assert.Contains("nothing was saved", failed.Message, StringComparison.Ordinal);
        Assert.Empty(await OutboxAsync(core));
        Assert.Equal(0, await PrescriptionCountAsync(core, requestId));
        Assert.Equal(RequestStatus.Submitted, (await ViewAsync(core, requestId)).Status);
        Assert.Equal(0, await DeliverAllAsync(core));
        Assert.Equal(0, smtp.Count);

        await ExecuteAsync(core, TestDatabase.Provider == DatabaseProvider.Postgres ? "DROP TRIGGER refuse_alerts ON \"Outbox\";" : "DROP TRIGGER refuse_alerts;");
        var ids = await ApproveAsync(core, requestId);

        Assert.Equal(
            [EmailTemplates.PatientApprovedKind, EmailTemplates.PharmacyControlledKind],
            (await OutboxAsync(core)).Select(m => m.Kind).Order(StringComparer.Ordinal));
        Assert.Equal(2, await DeliverAllAsync(core));
        Assert.All(ids, id => Assert.Contains(id, Assert.Single(smtp.To(Patient)).TextBody, StringComparison.Ordinal));
        Assert.Single(smtp.To(MarinaEmail));
    }

    private static async Task ExecuteAsync(CoreHarness core, string sql)
    {
        await using var db = await core.DbAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
