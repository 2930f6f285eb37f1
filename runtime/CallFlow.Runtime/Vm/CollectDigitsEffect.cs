using System.Collections.Immutable;

namespace CallFlow.Runtime.Vm;

/// <summary>
/// Collect keys: at most <see cref="MaxDigits"/>, ending on '#' or <see cref="InterDigitTimeout"/> after the last key;
/// <see cref="Timeout"/> with no key at all. <see cref="AlreadyEntered"/> are keys typed ahead during the prompts.
/// Resume with <see cref="DigitsOutcome"/>, <see cref="TimeoutOutcome"/> or <see cref="FaxToneOutcome"/>.
/// </summary>
public sealed record CollectDigitsEffect(int MaxDigits, TimeSpan Timeout, TimeSpan InterDigitTimeout, string AlreadyEntered, bool DetectFax) : Effect
{
    /// <summary>Prompts that ask for the keys, played first; the first key stops them (empty for a menu, whose
    /// prompts were a Play of their own).</summary>
    public ImmutableArray<PlayPrompt> Prompts { get; init; } = [];

    /// <summary>The languages to look <see cref="Prompts"/> up in, the call's first.</summary>
    public ImmutableArray<string> Languages { get; init; } = [];

    /// <summary>A menu's keys ("1", "4?", "#", "$", "F"): the entry ends as soon as it can only be one of them.</summary>
    public ImmutableArray<string> Keys { get; init; } = [];

    /// <summary>
    /// Whether <paramref name="digits"/> already decide the menu: they match a key and no longer key could still
    /// match with more digits, or (without a "$" key) no key can match them however the caller goes on, so the entry
    /// is invalid at once. "1" decides between "1" and "4?"; it does not between "1" and "12"; "7" decides a menu of
    /// "1", "2" and "*4". Without <see cref="Keys"/> an entry ends only on '#', the most digits, or the inter-digit timeout.
    /// </summary>
    public bool IsComplete(string digits)
    {
        if (Keys.IsEmpty || digits.Length == 0)
            return false;
        var key = Machine.MatchKey(Keys.AsSpan(), digits);
        if (key == "$")
            return false;
        foreach (var other in Keys)
        {
            if (other.Length > digits.Length && other is not ("$" or "F") && StartMatches(other.AsSpan(0, digits.Length), digits))
                return false;
        }
        // Here nothing longer can still match: either a key matches, or (no "$" in the menu) nothing ever will.
        return key is not null || !Keys.Contains("$");
    }

    /// <summary>Whether a longer key's first <c>digits.Length</c> characters match <paramref name="digits"/> as a key of
    /// their own would (<c>Machine.MatchKey([start], digits) is not null</c>): "$" matches anything, "F" nothing.</summary>
    private static bool StartMatches(ReadOnlySpan<char> start, string digits) =>
        start is "$" || (start is not "F" && Machine.KeyMatches(start, digits));
}
