namespace CallFlow.Configuration;

/// <summary>
/// Where a caller goes on pressing 0, 2 or 3 instead of leaving a message (reference §7.9). In the system section a
/// null number means no breakout. In a user's section null means "the system default" and an empty string means
/// "no breakout for this mailbox"; <see cref="Over"/> combines the two.
/// </summary>
/// <param name="Dtmf0">Reception / Breakout (DTMF 0).</param>
/// <param name="Dtmf2">Breakout (DTMF 2).</param>
/// <param name="Dtmf3">Breakout (DTMF 3).</param>
/// <example><c>new BreakoutNumbers(null, "", null).Over(new BreakoutNumbers("200", "300", null))</c> is <c>("200", null, null)</c>.</example>
public sealed record BreakoutNumbers(string? Dtmf0, string? Dtmf2, string? Dtmf3)
{
    /// <summary>No breakout on any key (and, as a user's overrides, nothing overridden).</summary>
    public static BreakoutNumbers None { get; } = new(null, null, null);

    /// <summary>These overrides on top of <paramref name="defaults"/>; the result has null for "no breakout", never "".</summary>
    public BreakoutNumbers Over(BreakoutNumbers defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return new(Pick(Dtmf0, defaults.Dtmf0), Pick(Dtmf2, defaults.Dtmf2), Pick(Dtmf3, defaults.Dtmf3));
    }

    private static string? Pick(string? own, string? fallback) => (own ?? fallback) is { Length: > 0 } number ? number : null;
}
