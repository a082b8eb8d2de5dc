namespace Eps.Core.Prescribing;

/// <summary>
/// How a prescription's place in its repeat chain is worded everywhere (token page, printed token, verify result,
/// emails). A repeat that has not been issued yet is never worded as available: it exists only once the previous one
/// is collected.
/// </summary>
public static class RepeatText
{
    /// <summary>"Repeat 1 of 2", "Original, 2 repeats authorised", or null for an item without repeats.</summary>
    public static string? Label(int repeatNumber, int repeatsAuthorised) => (repeatNumber, repeatsAuthorised) switch
    {
        (_, <= 0) => null,
        (0, 1) => "Original, 1 repeat authorised",
        (0, var n) => $"Original, {n} repeats authorised",
        var (k, n) => $"Repeat {k} of {n}",
    };

    /// <summary>What happens when this one is collected, or null for an item without repeats.</summary>
    public static string? Next(int repeatNumber, int repeatsAuthorised)
    {
        if (repeatsAuthorised <= 0)
        {
            return null;
        }

        var left = repeatsAuthorised - repeatNumber;
        return left switch
        {
            <= 0 => "This is the last repeat: no further repeat is issued after it.",
            _ when repeatNumber == 0 => $"{Repeats(repeatsAuthorised)} authorised: each is issued when the previous one is collected.",
            1 => $"Repeat {repeatNumber + 1} of {repeatsAuthorised} is issued when this one is collected.",
            _ => $"{Repeats(left)} left: repeat {repeatNumber + 1} of {repeatsAuthorised} is issued when this one is collected.",
        };
    }

    /// <summary>Whether collecting this prescription issues another repeat.</summary>
    public static bool HasNext(int repeatNumber, int repeatsAuthorised) => repeatNumber < repeatsAuthorised;

    private static string Repeats(int n) => n == 1 ? "1 repeat" : $"{n} repeats";
}
