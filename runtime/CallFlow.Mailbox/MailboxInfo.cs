namespace CallFlow.Mailbox;

/// <summary>A mailbox as the store knows it.</summary>
/// <param name="Name">Exact name: case-sensitive, trailing spaces already dropped (§7.1).</param>
/// <param name="Kind">User or hunt group.</param>
/// <param name="CreatedUtc">When the store first saw it.</param>
/// <param name="HasCode">Whether a voicemail code is set (without one, remote access is refused, §7.7).</param>
/// <param name="FailedCodeAttempts">Consecutive failed code entries since the last success or lockout.</param>
/// <param name="LockedUntilUtc">End of the current code lockout, or null when not locked.</param>
public sealed record MailboxInfo(
    string Name,
    MailboxKind Kind,
    DateTimeOffset CreatedUtc,
    bool HasCode,
    int FailedCodeAttempts,
    DateTimeOffset? LockedUntilUtc);
