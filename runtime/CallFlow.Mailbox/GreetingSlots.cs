namespace CallFlow.Mailbox;

/// <summary>
/// Well-known greeting slot names (reference §7.6). Any slot matching <c>[a-z0-9][a-z0-9-]{0,31}</c> is accepted,
/// so configuration can add more without a store change.
/// </summary>
public static class GreetingSlots
{
    /// <summary>The owner's recorded name (Dial by Name, <c>$NAM</c>).</summary>
    public const string Name = "name";

    /// <summary>The main greeting (all calls).</summary>
    public const string Standard = "standard";

    /// <summary>Intuity: internal callers.</summary>
    public const string Internal = "internal";

    /// <summary>Intuity: external callers.</summary>
    public const string External = "external";

    /// <summary>Intuity: busy.</summary>
    public const string Busy = "busy";

    /// <summary>Out of hours.</summary>
    public const string OutOfHours = "out-of-hours";

    /// <summary>Hunt group: caller queued.</summary>
    public const string Queued = "queued";

    /// <summary>Hunt group: caller still queued.</summary>
    public const string StillQueued = "still-queued";

    /// <summary>Whether <paramref name="slot"/> is a valid slot name (it becomes a file name as is).</summary>
    public static bool IsValid(string? slot) =>
        slot is { Length: > 0 and <= 32 } && IsLowerAlnum(slot[0]) && slot.All(c => IsLowerAlnum(c) || c == '-');

    private static bool IsLowerAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
