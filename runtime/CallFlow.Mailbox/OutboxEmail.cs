namespace CallFlow.Mailbox;

/// <summary>One e-mail of the outbox, as stored (docs/mailbox-store.md, <c>outbox</c>).</summary>
/// <param name="Id">Its number, in queueing order (what <c>vmc mail retry</c> takes).</param>
/// <param name="Kind">The eMail action, or the mailbox e-mail mode that queued it.</param>
/// <param name="To">The recipient address.</param>
/// <param name="From">The From to use when the SMTP sender entry names none, or null.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">The plain-text body.</param>
/// <param name="AttachmentMessageId">A message whose audio is attached when sending, or null.</param>
/// <param name="AttachmentFile">A WAV file attached when sending, or null.</param>
/// <param name="DeleteMessageWhenSent">Forward mode: the attached message is removed once a server accepts the e-mail.</param>
/// <param name="State">Queued, sent or failed.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="QueuedUtc">When it was queued (the store's clock).</param>
/// <param name="NextAttemptUtc">When a queued e-mail is tried next.</param>
/// <param name="SentUtc">When a server accepted it, or null.</param>
/// <param name="LastError">Why the last attempt failed, or null.</param>
public sealed record OutboxEmail(
    long Id,
    EmailKind Kind,
    string To,
    string? From,
    string Subject,
    string Body,
    string? AttachmentMessageId,
    string? AttachmentFile,
    bool DeleteMessageWhenSent,
    OutboxState State,
    int Attempts,
    DateTimeOffset QueuedUtc,
    DateTimeOffset NextAttemptUtc,
    DateTimeOffset? SentUtc,
    string? LastError);
