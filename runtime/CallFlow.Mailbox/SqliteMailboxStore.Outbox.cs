using Microsoft.Data.Sqlite;

namespace CallFlow.Mailbox;

public sealed partial class SqliteMailboxStore : IEmailOutbox
{
    private const string OutboxSelect = """
        SELECT id, kind, to_address, from_address, subject, body, attach_message, attach_file, delete_when_sent, state,
               attempts, queued_ms, next_attempt_ms, sent_ms, last_error
        FROM outbox
        """;

    /// <inheritdoc />
    public event EventHandler? EmailQueued;

    /// <inheritdoc />
    public async Task<OutboxEmail> QueueEmailAsync(EmailDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.To, nameof(draft));
        if (draft.AttachmentMessageId is not null && draft.AttachmentFile is not null)
            throw new ArgumentException("attach a message or a file, not both", nameof(draft));
        var email = await WriteTransactionAsync((connection, transaction, _) =>
        {
            var id = InsertEmail(connection, transaction, draft, EmailKind.Action, deleteMessageWhenSent: false);
            return FindEmail(connection, transaction, id)!;
        }, cancellationToken).ConfigureAwait(false);
        RaiseEmailQueued();
        return email;
    }

    /// <inheritdoc />
    public async Task<OutboxEmail?> GetEmailAsync(long id, CancellationToken cancellationToken = default)
    {
        using var connection = OpenConnection();
        return (await ReadEmailsAsync(connection, $"{OutboxSelect} WHERE id = $id", cancellationToken, ("$id", id)).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxEmail>> ListEmailsAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenConnection();
        return await ReadEmailsAsync(connection, $"{OutboxSelect} ORDER BY id", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxEmail>> ListDueEmailsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var connection = OpenConnection();
        return await ReadEmailsAsync(connection,
            $"{OutboxSelect} WHERE state = $queued AND next_attempt_ms <= $now ORDER BY next_attempt_ms, id LIMIT $limit", cancellationToken,
            ("$queued", (int)OutboxState.Queued), ("$now", ToMs(now)), ("$limit", limit)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> NextEmailDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var connection = OpenConnection();
        using var command = Command(connection, null, "SELECT MIN(next_attempt_ms) FROM outbox WHERE state = $queued AND next_attempt_ms > $now",
            ("$queued", (int)OutboxState.Queued), ("$now", ToMs(now)));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long ms ? FromMs(ms) : null;
    }

    /// <inheritdoc />
    public async Task<OutboxEmail?> MarkEmailSentAsync(long id, CancellationToken cancellationToken = default)
    {
        var (email, audio) = await WriteTransactionAsync<(OutboxEmail?, string?)>((connection, transaction, tracker) =>
        {
            if (FindEmail(connection, transaction, id) is not { State: OutboxState.Queued } queued)
                return (null, null);
            var now = Now;
            Execute(connection, transaction,
                "UPDATE outbox SET state = $sent, attempts = attempts + 1, sent_ms = $now, last_error = NULL WHERE id = $id",
                ("$sent", (int)OutboxState.Sent), ("$now", ToMs(now)), ("$id", id));
            string? audio = null;
            // Forward mode (§10.4): no copy is kept once the e-mail carrying it has been accepted. Only the hidden
            // message goes: if someone made it visible meanwhile, it stays.
            if (queued is { DeleteMessageWhenSent: true, AttachmentMessageId: { } messageId }
                && Find(connection, transaction, messageId) is { Message.State: MessageState.AwaitingEmail })
                audio = DeleteRow(connection, transaction, tracker, messageId);
            return (queued with { State = OutboxState.Sent, Attempts = queued.Attempts + 1, SentUtc = now, LastError = null }, audio);
        }, CancellationToken.None).ConfigureAwait(false);
        if (audio is not null)
            DeleteAudioWhenFree(audio);
        return email;
    }

    /// <inheritdoc />
    public Task<OutboxEmail?> MarkEmailAttemptFailedAsync(long id, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        return WriteTransactionAsync((connection, transaction, tracker) =>
        {
            if (FindEmail(connection, transaction, id) is not { State: OutboxState.Queued } queued)
                return null;
            var now = Now;
            var giveUp = retryAt is null;
            Execute(connection, transaction, """
                UPDATE outbox SET attempts = attempts + 1, last_error = $error, state = $state, next_attempt_ms = $next,
                                  delete_when_sent = CASE WHEN $giveUp THEN 0 ELSE delete_when_sent END
                WHERE id = $id
                """,
                ("$error", error), ("$state", (int)(giveUp ? OutboxState.Failed : OutboxState.Queued)),
                ("$next", ToMs(retryAt ?? now)), ("$giveUp", giveUp), ("$id", id));
            if (giveUp && queued is { DeleteMessageWhenSent: true, AttachmentMessageId: { } messageId })
                ReleaseAwaitingMessage(connection, transaction, tracker, messageId, now);
            return FindEmail(connection, transaction, id);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> RetryEmailsAsync(long? id, CancellationToken cancellationToken = default)
    {
        var changed = await WriteTransactionAsync((connection, transaction, _) => Execute(connection, transaction, """
            UPDATE outbox SET next_attempt_ms = $now, state = $queued,
                              attempts = CASE WHEN state = $failed THEN 0 ELSE attempts END
            WHERE state IN ($queued, $failed) AND ($id IS NULL OR id = $id)
            """,
            ("$now", ToMs(Now)), ("$queued", (int)OutboxState.Queued), ("$failed", (int)OutboxState.Failed), ("$id", id)), cancellationToken)
            .ConfigureAwait(false);
        if (changed > 0)
            RaiseEmailQueued();
        return changed;
    }

    /// <inheritdoc />
    public Task<int> PurgeSentEmailsAsync(DateTimeOffset sentBefore, CancellationToken cancellationToken = default) =>
        WriteTransactionAsync((connection, transaction, _) => Execute(connection, transaction,
            "DELETE FROM outbox WHERE state = $sent AND sent_ms < $before",
            ("$sent", (int)OutboxState.Sent), ("$before", ToMs(sentBefore))), cancellationToken);

    private void RaiseEmailQueued()
    {
        try
        {
            EmailQueued?.Invoke(this, EventArgs.Empty);
        }
        catch (Exception e)
        {
            // The e-mail is committed; a failing subscriber must not make the caller think it was not.
            Log($"e-mail queued handler failed: {e.Message}");
        }
    }

    /// <summary>The draft of a mailbox e-mail mode's e-mail for <paramref name="message"/> (text of reference §10.4).</summary>
    private static EmailDraft MessageEmailDraft(MessageEmail email, MessageInfo message) =>
        new(email.To, VoicemailEmailText.Subject(message.CallerNumber, message.Mailbox), VoicemailEmailText.Body(email.Mode, message, email.TimeZone))
        {
            // §10.2: with no Sender on the SMTP entry, the mailbox user's own address is the sender.
            From = email.To,
            AttachmentMessageId = email.Mode == EmailKind.Alert ? null : message.Id,
        };

    private long InsertEmail(SqliteConnection connection, SqliteTransaction transaction, EmailDraft draft, EmailKind kind, bool deleteMessageWhenSent)
    {
        var now = ToMs(Now);
        using var command = Command(connection, transaction, """
            INSERT INTO outbox (kind, to_address, from_address, subject, body, attach_message, attach_file, delete_when_sent, state,
                                attempts, queued_ms, next_attempt_ms)
            VALUES ($kind, $to, $from, $subject, $body, $message, $file, $delete, $queued, 0, $now, $now)
            RETURNING id
            """,
            ("$kind", (int)kind), ("$to", draft.To), ("$from", draft.From), ("$subject", draft.Subject), ("$body", draft.Body),
            ("$message", draft.AttachmentMessageId), ("$file", draft.AttachmentFile), ("$delete", deleteMessageWhenSent),
            ("$queued", (int)OutboxState.Queued), ("$now", now));
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A Forward-mode message whose e-mail failed for good goes into its mailbox as New: never lost.</summary>
    private void ReleaseAwaitingMessage(SqliteConnection connection, SqliteTransaction transaction, MessageWaitingTracker tracker, string messageId, DateTimeOffset now)
    {
        if (Find(connection, transaction, messageId) is not { Message.State: MessageState.AwaitingEmail } stored)
            return;
        tracker.Watch(stored.Message.Mailbox);
        Execute(connection, transaction, "UPDATE messages SET state = $new, state_changed_ms = $now WHERE id = $id",
            ("$new", (int)MessageState.New), ("$now", ToMs(now)), ("$id", messageId));
        Log($"outbox: the e-mail for message {messageId} failed for good; the message is kept in {stored.Message.Mailbox} as new");
    }

    /// <summary>A broadcast removes the group's original: queued e-mails attaching it take the first copy instead.</summary>
    private static void RepointAttachments(SqliteConnection connection, SqliteTransaction transaction, string fromMessageId, string toMessageId) =>
        Execute(connection, transaction,
            "UPDATE outbox SET attach_message = $to, delete_when_sent = 0 WHERE attach_message = $from AND state <> $sent",
            ("$to", toMessageId), ("$from", fromMessageId), ("$sent", (int)OutboxState.Sent));

    private static OutboxEmail? FindEmail(SqliteConnection connection, SqliteTransaction transaction, long id)
    {
        using var command = Command(connection, transaction, $"{OutboxSelect} WHERE id = $id", ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadEmail(reader) : null;
    }

    private static async Task<IReadOnlyList<OutboxEmail>> ReadEmailsAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, null, sql, parameters);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<OutboxEmail>();
        while (reader.Read())
            list.Add(ReadEmail(reader));
        return list;
    }

    private static OutboxEmail ReadEmail(SqliteDataReader reader) => new(
        Id: reader.GetInt64(0),
        Kind: (EmailKind)reader.GetInt32(1),
        To: reader.GetString(2),
        From: reader.IsDBNull(3) ? null : reader.GetString(3),
        Subject: reader.GetString(4),
        Body: reader.GetString(5),
        AttachmentMessageId: reader.IsDBNull(6) ? null : reader.GetString(6),
        AttachmentFile: reader.IsDBNull(7) ? null : reader.GetString(7),
        DeleteMessageWhenSent: reader.GetBoolean(8),
        State: (OutboxState)reader.GetInt32(9),
        Attempts: reader.GetInt32(10),
        QueuedUtc: FromMs(reader.GetInt64(11)),
        NextAttemptUtc: FromMs(reader.GetInt64(12)),
        SentUtc: reader.IsDBNull(13) ? null : FromMs(reader.GetInt64(13)),
        LastError: reader.IsDBNull(14) ? null : reader.GetString(14));
}
