namespace CallFlow.Mailbox;

/// <summary>
/// Mailbox name rules (reference §7.1): names are case-sensitive and trailing spaces are dropped. Anything else an
/// administrator types is kept exactly; <see cref="SafeFileName"/> turns it into a directory name.
/// </summary>
public static class MailboxName
{
    /// <summary>Longest accepted name, in UTF-16 code units; far above any IP Office name, it only bounds memory.</summary>
    public const int MaxLength = 65_536;

    /// <summary>Returns the stored form of <paramref name="name"/>.</summary>
    /// <example><c>Normalize("Sales  ")</c> is <c>"Sales"</c>; <c>Normalize("sales")</c> stays a different mailbox.</example>
    /// <exception cref="ArgumentException">Empty after trimming, too long, or not valid UTF-16 (a lone surrogate).</exception>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.TrimEnd(' ');
        if (trimmed.Length == 0)
            throw new ArgumentException("a mailbox name must not be empty", nameof(name));
        if (trimmed.Length > MaxLength)
            throw new ArgumentException($"a mailbox name must not exceed {MaxLength} characters", nameof(name));
        for (var i = 0; i < trimmed.Length; i++)
        {
            if (char.IsHighSurrogate(trimmed[i]) && i + 1 < trimmed.Length && char.IsLowSurrogate(trimmed[i + 1]))
                i++;
            else if (char.IsSurrogate(trimmed[i]))
                throw new ArgumentException("a mailbox name must be valid Unicode text", nameof(name));
        }
        return trimmed;
    }
}
