namespace CallFlow.Mailbox;

/// <summary>
/// Mailboxes, their messages, codes and greetings (reference §7, §9). <see cref="SqliteMailboxStore"/> is the
/// embedded implementation; the interface has nothing SQLite-specific, so a shared store (PostgreSQL and shared
/// audio storage) can serve several servers later.
/// </summary>
/// <remarks>
/// Mailbox names are normalised by <see cref="MailboxName.Normalize"/> (case-sensitive, trailing spaces dropped).
/// Methods taking a message id return null (or false) when there is no such message, and throw
/// <see cref="MailboxNotFoundException"/> when a named mailbox is missing. Every method is safe to call from many
/// threads at once.
/// </remarks>
public interface IMailboxStore : IAsyncDisposable, IDisposable
{
    /// <summary>
    /// Raised after every committed change that alters a mailbox's New or Unopened count (§7.12): a new message, a
    /// state change, a copy, a broadcast, housekeeping. Handlers run on the thread that made the change; keep them
    /// short (hand off to a channel).
    /// </summary>
    event EventHandler<MessageWaitingChangedEventArgs>? MessageWaitingChanged;

    /// <summary>Creates the mailbox if missing (or updates its kind) and returns it.</summary>
    Task<MailboxInfo> EnsureMailboxAsync(string name, MailboxKind kind = MailboxKind.User, CancellationToken cancellationToken = default);

    /// <summary>The mailbox, or null when there is none of that name.</summary>
    Task<MailboxInfo?> GetMailboxAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every mailbox, by name (ordinal).</summary>
    Task<IReadOnlyList<MailboxInfo>> ListMailboxesAsync(CancellationToken cancellationToken = default);

    /// <summary>Message counts per state.</summary>
    Task<MessageCounts> GetCountsAsync(string mailbox, CancellationToken cancellationToken = default);

    /// <summary>The messages in one state, in the playback order given (the category's preference, §9).</summary>
    Task<IReadOnlyList<MessageInfo>> ListMessagesAsync(string mailbox, MessageState state, PlaybackOrder order = PlaybackOrder.Fifo, CancellationToken cancellationToken = default);

    /// <summary>One message, or null.</summary>
    Task<MessageInfo?> GetMessageAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>Starts recording a message into an existing mailbox; the received time is taken now.</summary>
    Task<IMessageRecording> BeginRecordingAsync(RecordingRequest request, CancellationToken cancellationToken = default);

    /// <summary>Opens a message for playback (a lease that housekeeping respects), or null when it is gone.</summary>
    Task<IMessagePlayback?> OpenPlaybackAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>Intuity: the header was played. New becomes Unopened; other states are left as they are.</summary>
    Task<MessageInfo?> MarkHeaderHeardAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>The content was played. New and Unopened become Old; Old and Saved stay; Deleted stays.</summary>
    Task<MessageInfo?> MarkHeardAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>New, Unopened and Old become Saved. A deleted message must be undeleted first.</summary>
    Task<MessageInfo?> MarkSavedAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>Marks the message deleted, remembering its state for <see cref="UndeleteAsync"/>.</summary>
    Task<MessageInfo?> MarkDeletedAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>Returns a deleted message to the state it had before.</summary>
    Task<MessageInfo?> UndeleteAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>Removes a message for good (row now; file now, or when its last playback ends). False when absent.</summary>
    Task<bool> PurgeMessageAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forwards a copy (own audio file, state New, received now, <see cref="MessageInfo.ForwardedFrom"/> set) to another
    /// mailbox. Null when the source message is gone.
    /// </summary>
    Task<MessageInfo?> CopyMessageAsync(string messageId, string targetMailbox, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hunt-group broadcast (§7.11): copies a group message to every member mailbox and removes the original, all in
    /// one commit. The group itself and repeated names are skipped; with no members left the original stays.
    /// Returns the copies (empty when the message is gone or nobody was left).
    /// </summary>
    Task<IReadOnlyList<MessageInfo>> BroadcastAsync(string messageId, IEnumerable<string> memberMailboxes, CancellationToken cancellationToken = default);

    /// <summary>Sets the voicemail code (stored hashed), or clears it with null or "". Also ends any lockout.</summary>
    Task SetCodeAsync(string mailbox, string? code, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a code entry. Every entry is counted before it is checked; repeated failures lock the mailbox for
    /// <see cref="MailboxStoreOptions.CodeLockoutDuration"/>.
    /// </summary>
    Task<CodeVerification> VerifyCodeAsync(string mailbox, string code, CancellationToken cancellationToken = default);

    /// <summary>Stores a greeting (G.711 µ-law bytes) in a slot (<see cref="GreetingSlots"/>), replacing the old one atomically.</summary>
    Task SaveGreetingAsync(string mailbox, string slot, ReadOnlyMemory<byte> g711, CancellationToken cancellationToken = default);

    /// <summary>The WAV file of a greeting slot, or null when none is recorded.</summary>
    Task<string?> GetGreetingPathAsync(string mailbox, string slot, CancellationToken cancellationToken = default);

    /// <summary>Deletes a greeting; false when there was none.</summary>
    Task<bool> DeleteGreetingAsync(string mailbox, string slot, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every message that has been in its category for at least that category's hours (0 disables a
    /// category), skipping messages open for playback. The host calls it in an idle period (§9).
    /// </summary>
    Task<HousekeepingResult> RunHousekeepingAsync(DateTimeOffset now, HousekeepingPolicy policy, CancellationToken cancellationToken = default);
}
