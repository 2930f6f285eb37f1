namespace CallFlow.Runtime.Hosting.Mailboxes;

/// <summary>
/// Reception / Breakout numbers for keys 0, 2 and 3 while a caller hears a greeting (reference §7.9). Null takes the
/// system's number; empty means none (a mailbox can switch a system breakout off).
/// </summary>
public sealed record BreakoutNumbers(string? Dtmf0 = null, string? Dtmf2 = null, string? Dtmf3 = null)
{
    /// <summary>The number for <paramref name="key"/>, or empty.</summary>
    public string For(char key) => (key switch { '0' => Dtmf0, '2' => Dtmf2, '3' => Dtmf3, _ => null }) ?? "";

    /// <summary>These numbers, each null one taken from <paramref name="fallback"/>.</summary>
    public BreakoutNumbers Over(BreakoutNumbers fallback) => new(Dtmf0 ?? fallback.Dtmf0, Dtmf2 ?? fallback.Dtmf2, Dtmf3 ?? fallback.Dtmf3);
}
