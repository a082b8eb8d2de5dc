using Eps.Core.Dispensing;
using Eps.Core.Notifications;
using Eps.Core.Prescribing;
using Eps.Tests.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Notifications;

/// <summary>Requests, approvals, collections and deliveries through the real services, for the notification tests.</summary>
internal static class NotificationKit
{
    public const string MarinaEmail = "marina@pharmacy.eps.test";
    public const string WuseEmail = "wuse@pharmacy.eps.test";
    public const string GardenCity = "PHB-PH-300303";
    public const string BaseUrl = "https://eps.example.ng";

    public static readonly (string Drug, string Strength, int Quantity) Amoxicillin = ("Amoxicillin", "500 mg", 21);
    public static readonly (string Drug, string Strength, int Quantity) Paracetamol = ("Paracetamol", "500 mg", 32);
    public static readonly (string Drug, string Strength, int Quantity) Warfarin = ("Warfarin", "5 mg", 28);
    public static readonly (string Drug, string Strength, int Quantity) Morphine = ("Morphine sulfate", "10 mg", 14);
    public static readonly (string Drug, string Strength, int Quantity) Tramadol = ("Tramadol", "50 mg", 20);

    /// <summary>The core pointed at <paramref name="sink"/>, links built on <see cref="BaseUrl"/> (with a trailing slash).</summary>
    public static Task<CoreHarness> StartAsync(SmtpSink sink, params (string Key, string Value)[] extra)
    {
        var settings = sink.Settings;
        settings["Mail:BaseUrl"] = BaseUrl + "/";
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return CoreHarness.StartAsync(settings);
    }

    /// <summary>A patient asks a pharmacy for the given medicines; returns the request id.</summary>
    public static async Task<int> SubmitAsync(CoreHarness core, string patientEmail, string pharmacyCode,
        params (string Drug, string Strength, int Quantity)[] items)
    {
        var requested = new List<RequestedItem>();
        foreach (var (drug, strength, quantity) in items)
        {
            requested.Add(new RequestedItem((await DrugAsync(core, drug)).Id, strength, quantity, null));
        }

        var (result, reference) = await core.Get<PatientRequests>().SubmitAsync(await core.ActorAsync(patientEmail),
            new NewRequest(await PharmacyIdAsync(core, pharmacyCode), "Repeat of my usual medicines", requested), None);
        Assert.True(result.Succeeded, result.Message);
        await using var db = await core.DbAsync();
        return await db.PrescriptionRequests.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync();
    }

    /// <summary>The doctor approves every item as asked, signed with a current code; returns the issued prescription IDs.</summary>
    public static async Task<IReadOnlyList<string>> ApproveAsync(CoreHarness core, int requestId)
    {
        var result = await core.Get<Approvals>().ApproveAsync(await core.ActorAsync(Doctor), requestId,
            await ApproveAllAsync(core, requestId), "Repeat", await SigningKit.CodeAsync(core.Services), None);
        Assert.True(result.Succeeded, result.Message);
        return result.PrescriptionIds;
    }

    /// <summary>Submits and approves at once.</summary>
    public static async Task<IReadOnlyList<string>> IssueAsync(CoreHarness core, string patientEmail, string pharmacyCode,
        params (string Drug, string Strength, int Quantity)[] items) =>
        await ApproveAsync(core, await SubmitAsync(core, patientEmail, pharmacyCode, items));

    /// <summary>The nominated pharmacy hands the prescription over (with an ID document, which controlled drugs need).</summary>
    public static async Task<DispenseOutcome> DispenseAsync(CoreHarness core, string rxNumber)
    {
        await using var db = await core.DbAsync();
        var rx = await db.Prescriptions.Include(p => p.Pharmacy).AsNoTracking().SingleAsync(p => p.RxNumber == rxNumber);
        var outcome = await core.Get<DispenseService>().DispenseAsync(
            new DispenseCommand(rx.RxNumber, rx.Nonce, rx.Pharmacy.Code, "Funmilayo Adeyemi", null, IdDocumentType.Nin, "12345678901"),
            new RequestOrigin("127.0.0.1", "pharmacist", rx.PharmacyId), None);
        Assert.True(outcome.Succeeded, outcome.Message);
        return outcome;
    }

    /// <summary>Runs the delivery job's loop: batches until nothing is due; returns how many were sent.</summary>
    public static async Task<int> DeliverAllAsync(OutboxSender sender)
    {
        var total = 0;
        for (var sent = await sender.DeliverDueAsync(None); sent > 0; sent = await sender.DeliverDueAsync(None))
        {
            total += sent;
        }

        return total;
    }

    public static Task<int> DeliverAllAsync(CoreHarness core) => DeliverAllAsync(core.Get<OutboxSender>());

    /// <summary>Queues <paramref name="count"/> plain emails to distinct addresses in one commit.</summary>
    public static async Task QueueAsync(CoreHarness core, int count)
    {
        await using var db = await core.DbAsync();
        var notifier = core.Get<Notifier>();
        for (var i = 0; i < count; i++)
        {
            notifier.Add(db, "test.bulk", $"patient{i}@eps.test", new EmailContent($"Message {i}", $"Text {i}", $"<p>Html {i}</p>"));
        }

        await db.SaveChangesAsync();
    }

    public static async Task<List<OutboxMessage>> OutboxAsync(CoreHarness core)
    {
        await using var db = await core.DbAsync();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>Everything a reader could see in a message: headers, plain text and HTML.</summary>
    public static string Visible(MimeMessage message) =>
        $"{message.Headers}\n{message.TextBody}\n{message.HtmlBody}";

    /// <summary>Asserts the message is multipart/alternative with a plain-text and an HTML part, and returns both bodies.</summary>
    public static (string Text, string Html) Bodies(MimeMessage message)
    {
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Contains(alternative, p => p.ContentType.IsMimeType("text", "plain"));
        Assert.Contains(alternative, p => p.ContentType.IsMimeType("text", "html"));
        Assert.False(string.IsNullOrWhiteSpace(message.TextBody));
        Assert.False(string.IsNullOrWhiteSpace(message.HtmlBody));
        return (message.TextBody, message.HtmlBody);
    }
}
