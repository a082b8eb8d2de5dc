using System.Text.Json.Serialization;

namespace Eps.Core.Administration;

/// <summary>
/// What an admin's change did to a record, as the audit chain keeps it: the fields that changed, before → after.
/// <see cref="Before"/> is null for a record that did not exist.
/// </summary>
public sealed record ChangeRecord(
    [property: JsonPropertyName("before")] IReadOnlyDictionary<string, string?>? Before,
    [property: JsonPropertyName("after")] IReadOnlyDictionary<string, string?> After)
{
    public bool IsEmpty => After.Count == 0;

    /// <summary>The fields of <paramref name="after"/> whose value differs from <paramref name="before"/>; all of them for a new record.</summary>
    public static ChangeRecord Between(IReadOnlyDictionary<string, string?>? before, IReadOnlyDictionary<string, string?> after)
    {
        if (before is null)
        {
            return new(null, after);
        }

        var changed = after.Keys.Where(k => !string.Equals(before.GetValueOrDefault(k), after[k], StringComparison.Ordinal)).ToList();
        return new(changed.ToDictionary(k => k, k => before.GetValueOrDefault(k)), changed.ToDictionary(k => k, k => after[k]));
    }
}
