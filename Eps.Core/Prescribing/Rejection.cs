using System.Globalization;
using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Notifications;

namespace Eps.Core.Prescribing;

/// <summary>
/// What every rejection of a request shares, whether a pharmacist rejects it at triage or a doctor at review: a reason
/// is required, the patient is told it, and the audit records who rejected it and why.
/// </summary>
internal static class Rejection
{
    public const int ReasonLength = 1000;

    /// <summary>The refusal when no reason was given, or null.</summary>
    public static CommandResult? Check(string reason) => string.IsNullOrWhiteSpace(reason)
        ? CommandResult.Invalid(new Dictionary<string, string> { ["reason"] = "Give the patient a reason." })
        : null;

    /// <summary>After the request was claimed as rejected, in the same transaction: tell the patient, audit, save.</summary>
    public static async Task<CommandResult> CompleteAsync(
        EpsDbContext db, Notifier notifier, AuditTrail audit, Actor actor, int requestId, string reason, string by, CancellationToken cancellationToken)
    {
        await notifier.RejectedAsync(db, requestId, reason, cancellationToken);
        await audit.AppendAsync(db, "rejection", actor.UserId, requestId.ToString(CultureInfo.InvariantCulture),
            new { by, reason = Text.Clip(reason, 200) }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok("Request rejected; the patient will see your reason.");
    }
}
