using Eps.Core.Storage;
using Eps.Core.Data;
using Eps.Core.Notifications;
using Eps.Tests.Infrastructure;
using MimeKit;
using static Eps.Tests.Core.Notifications.NotificationKit;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Notifications;

/// <summary>The embedded default (no SMTP host): every message becomes an .eml file in the data folder.</summary>
public sealed class PickupDirectoryTests
{
    [Fact]
    public async Task Without_a_host_messages_are_written_as_eml_files_under_the_data_folder()
    {
        await using var core = await CoreHarness.StartAsync();
        Assert.IsType<PickupDirectoryTransport>(core.Get<IMailTransport>());
        var ids = await IssueAsync(core, Patient, Scenario.Lagos, Morphine, Amoxicillin);

        Assert.Equal(2, await DeliverAllAsync(core));

        var folder = Path.Combine(core.Get<DataPaths>().Root, "mail");
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        var files = Directory.GetFiles(folder, "*.eml");
        Assert.Equal(2, files.Length);
        var messages = new List<MimeMessage>();
        foreach (var file in files)
        {
            messages.Add(await MimeMessage.LoadAsync(file));
        }

        var approved = Assert.Single(messages, m => m.To.Mailboxes.Single().Address == Patient);
        Assert.StartsWith("Approved: your prescriptions from request REQ-", approved.Subject, StringComparison.Ordinal);
        var (text, html) = Bodies(approved);
        Assert.All(ids, id => Assert.Contains(id, text, StringComparison.Ordinal));
        Assert.All(ids, id => Assert.Contains(id, html, StringComparison.Ordinal));
        Assert.Contains("Marina Community Pharmacy", text, StringComparison.Ordinal);
        Assert.Equal("no-reply@eps.test", approved.From.Mailboxes.Single().Address);

        var alert = Assert.Single(messages, m => m.To.Mailboxes.Single().Address == MarinaEmail);
        Assert.StartsWith("Controlled drug (Schedule 2): PHB-RX-", alert.Subject, StringComparison.Ordinal);
        Bodies(alert);

        // Sent rows are not written again by later runs.
        Assert.Equal(0, await DeliverAllAsync(core));
        Assert.Equal(2, Directory.GetFiles(folder, "*.eml").Length);
    }
}
