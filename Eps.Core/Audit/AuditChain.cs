using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Eps.Core.Audit;

/// <summary>The hashing rule of the audit chain, in one place for writers and checkers.</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 (lower-case hex) of the previous hash and every content field, unambiguously delimited.</summary>
    public static string HashOf(string previousHash, long sequence, DateTime at, string kind, string? actor, string subject, string details)
    {
        var content = string.Join('\u001f',
            previousHash, sequence.ToString(CultureInfo.InvariantCulture), at.ToString("O", CultureInfo.InvariantCulture),
            kind, actor ?? "", subject, details);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    public static string HashOf(AuditEntry e) => HashOf(e.PreviousHash, e.Sequence, e.At, e.Kind, e.ActorUserId, e.Subject, e.Details);

    /// <summary>The bytes a checkpoint signs.</summary>
    public static byte[] CheckpointPayload(DateOnly date, long sequence, string hash) =>
        Encoding.UTF8.GetBytes($"EPS-AUDIT-CHECKPOINT|{date:yyyy-MM-dd}|{sequence.ToString(CultureInfo.InvariantCulture)}|{hash}");
}
