namespace CallFlow.Mailbox;

/// <summary>Settings of a mailbox store. Every clock read and every new id goes through here, so tests are deterministic.</summary>
/// <example><c>new MailboxStoreOptions { Clock = fakeClock, MinimumMessageLength = TimeSpan.FromSeconds(3) }</c></example>
public sealed record MailboxStoreOptions
{
    /// <summary>The only source of "now" inside the store.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Makes a new message id. Ids must match <c>[A-Za-z0-9_-]{1,64}</c> and never repeat. Null uses a version 7
    /// GUID from <see cref="Clock"/>, which sorts by creation time.
    /// </summary>
    public Func<string>? NewMessageId { get; init; }

    /// <summary>
    /// Recordings shorter than this are discarded at commit (§7.14: Intuity default 3 s, IP Office mode 0).
    /// The host sets it from the preferences; the store's default is 0 (keep everything).
    /// </summary>
    public TimeSpan MinimumMessageLength { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// PBKDF2-SHA256 iterations for new code hashes. Stored per mailbox, so raising it later re-hashes each code at
    /// its next successful entry.
    /// </summary>
    public int CodeHashIterations { get; init; } = 100_000;

    /// <summary>Consecutive failed code entries that start a lockout; 0 disables lockout.</summary>
    public int MaxFailedCodeAttempts { get; init; } = 5;

    /// <summary>How long a lockout lasts.</summary>
    public TimeSpan CodeLockoutDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Space the store holds back in its data directory (a file of zeros) and gives up when the file system fills, so
    /// the recordings under way can still be committed (docs/mailbox-store.md, "A full disk"). 0 keeps no reserve.
    /// </summary>
    public long SpaceReserveBytes { get; init; } = 1024 * 1024;

    /// <summary>Receives one line per notable event (recovery actions, a failing event handler). Null: silent.</summary>
    public Action<string>? Log { get; init; }
}
