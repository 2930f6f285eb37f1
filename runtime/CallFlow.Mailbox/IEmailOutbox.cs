namespace CallFlow.Mailbox;

/// <summary>
/// The durable outbox of voicemail e-mail (reference §10), kept in the mailbox store so an e-mail commits with the
/// message it belongs to (<see cref="RecordingRequest.Email"/>) and survives restarts. Queueing never touches the
/// network; a sender (CallFlow.Email's <c>OutboxWorker</c>) takes due e-mails, tries them, and records the outcome.
/// </summary>
/// <remarks>
/// The store is opened by one process at a time, so one worker owns the outbox; it must not hand the same e-mail to
/// two attempts at once. An e-mail accepted by a server just before a crash, with the crash before
/// <see cref="MarkEmailSentAsync"/> committed, is sent again after the restart: delivery is at least once.
/// </remarks>
public interface IEmailOutbox
{
    /// <summary>
    /// Raised after a commit that made an e-mail due: one queued (alone or with its message) or retried. A sender
    /// waits on it instead of polling; handlers must be short and must not throw.
    /// </summary>
    event EventHandler? EmailQueued;

    /// <summary>Queues an e-mail, due now. Returns it as stored.</summary>
    Task<OutboxEmail> QueueEmailAsync(EmailDraft draft, CancellationToken cancellationToken = default);

    /// <summary>One e-mail, or null.</summary>
    Task<OutboxEmail?> GetEmailAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Every e-mail of the outbox, by id.</summary>
    Task<IReadOnlyList<OutboxEmail>> ListEmailsAsync(CancellationToken cancellationToken = default);

    /// <summary>Queued e-mails due at <paramref name="now"/>, soonest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<OutboxEmail>> ListDueEmailsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>When the next queued e-mail not yet due at <paramref name="now"/> falls due, or null when there is none.</summary>
    Task<DateTimeOffset?> NextEmailDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// A server accepted the e-mail: it becomes Sent, and in Forward mode its message is removed in the same
    /// transaction (the file right after). Null when there is no such queued e-mail.
    /// </summary>
    Task<OutboxEmail?> MarkEmailSentAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// An attempt failed with <paramref name="error"/>: counted, and tried again at <paramref name="retryAt"/>, or,
    /// when that is null, failed for good; a Forward-mode message then goes into its mailbox as New (its lamp lights),
    /// so it is never lost. Null when there is no such queued e-mail.
    /// </summary>
    Task<OutboxEmail?> MarkEmailAttemptFailedAsync(long id, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes e-mails due now: one (<paramref name="id"/>), or every queued and failed one (null). A failed e-mail is
    /// queued again with its attempts counted from zero. Returns how many changed.
    /// </summary>
    Task<int> RetryEmailsAsync(long? id, CancellationToken cancellationToken = default);

    /// <summary>Removes sent e-mails accepted before <paramref name="sentBefore"/>; returns how many.</summary>
    Task<int> PurgeSentEmailsAsync(DateTimeOffset sentBefore, CancellationToken cancellationToken = default);

    /// <summary>Opens a message's audio (for an attachment), holding it against housekeeping; null when it is gone.</summary>
    Task<IMessagePlayback?> OpenPlaybackAsync(string messageId, CancellationToken cancellationToken = default);
}
