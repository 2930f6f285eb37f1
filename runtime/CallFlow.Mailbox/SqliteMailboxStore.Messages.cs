using Microsoft.Data.Sqlite;

namespace CallFlow.Mailbox;

public sealed partial class SqliteMailboxStore
{
    private const string MessageSelect = """
        SELECT m.id, m.mailbox, m.kind, m.state, m.caller_number, m.caller_name, m.received_ms, m.state_changed_ms,
               m.audio_bytes, m.priority, m.private, m.forwarded_from, b.dir_name, m.state_before_delete
        FROM messages m JOIN mailboxes b ON b.name = m.mailbox
        """;

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessageInfo>> ListMessagesAsync(string mailbox, MessageState state, PlaybackOrder order = PlaybackOrder.Fifo, CancellationToken cancellationToken = default)
    {
        var name = MailboxName.Normalize(mailbox);
        _ = await RequireMailboxDirectoryAsync(name, cancellationToken).ConfigureAwait(false);
        var direction = order == PlaybackOrder.Lifo ? "DESC" : "ASC";
        using var connection = OpenConnection();
        using var command = Command(connection, null,
            $"{MessageSelect} WHERE m.mailbox = $mailbox AND m.state = $state ORDER BY m.received_ms {direction}, m.seq {direction}",
            ("$mailbox", name), ("$state", (int)state));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<MessageInfo>();
        while (reader.Read())
            list.Add(ReadStored(reader).Message);
        return list;
    }

    /// <inheritdoc />
    public async Task<MessageInfo?> GetMessageAsync(string messageId, CancellationToken cancellationToken = default) =>
        (await FindAsync(messageId, cancellationToken).ConfigureAwait(false))?.Message;

    /// <inheritdoc />
    public Task<MessageInfo?> MarkHeaderHeardAsync(string messageId, CancellationToken cancellationToken = default) =>
        TransitionAsync(messageId, (state, _) => state == MessageState.New ? MessageState.Unopened : state, cancellationToken);

    /// <inheritdoc />
    public Task<MessageInfo?> MarkHeardAsync(string messageId, CancellationToken cancellationToken = default) =>
        TransitionAsync(messageId, (state, _) => state is MessageState.New or MessageState.Unopened ? MessageState.Old : state, cancellationToken);

    /// <inheritdoc />
    public Task<MessageInfo?> MarkSavedAsync(string messageId, CancellationToken cancellationToken = default) =>
        TransitionAsync(messageId, (state, _) => state == MessageState.Deleted ? state : MessageState.Saved, cancellationToken);

    /// <inheritdoc />
    public Task<MessageInfo?> MarkDeletedAsync(string messageId, CancellationToken cancellationToken = default) =>
        TransitionAsync(messageId, (_, _) => MessageState.Deleted, cancellationToken);

    /// <inheritdoc />
    public Task<MessageInfo?> UndeleteAsync(string messageId, CancellationToken cancellationToken = default) =>
        TransitionAsync(messageId, (state, before) => state == MessageState.Deleted ? before ?? MessageState.Old : state, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> PurgeMessageAsync(string messageId, CancellationToken cancellationToken = default)
    {
        if (!MessageIds.IsValid(messageId))
            return false;
        var removed = await WriteTransactionAsync((connection, transaction, tracker) => DeleteRow(connection, transaction, tracker, messageId),
            cancellationToken).ConfigureAwait(false);
        if (removed is null)
            return false;
        DeleteAudioWhenFree(removed);
        return true;
    }

    /// <inheritdoc />
    public async Task<IMessagePlayback?> OpenPlaybackAsync(string messageId, CancellationToken cancellationToken = default)
    {
        if (!MessageIds.IsValid(messageId) || !_leases.TryAcquire(messageId))
            return null;
        try
        {
            var stored = await FindAsync(messageId, cancellationToken).ConfigureAwait(false);
            var path = stored is null ? null : MessagePath(stored.DirName, messageId);
            if (stored is null || !File.Exists(path))
            {
                ReleaseHold(messageId);
                return null;
            }
            return new MessagePlayback(this, stored.Message, path!);
        }
        catch
        {
            ReleaseHold(messageId);
            throw;
        }
    }

    internal void ReleaseHold(string messageId)
    {
        if (_leases.Release(messageId) is { } orphanedAudio)
            DurableFile.TryDelete(orphanedAudio);
    }

    private async Task<StoredMessage?> FindAsync(string messageId, CancellationToken cancellationToken)
    {
        if (!MessageIds.IsValid(messageId))
            return null;
        using var connection = OpenConnection();
        using var command = Command(connection, null, $"{MessageSelect} WHERE m.id = $id", ("$id", messageId));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return reader.Read() ? ReadStored(reader) : null;
    }

    private static StoredMessage? Find(SqliteConnection connection, SqliteTransaction transaction, string messageId)
    {
        using var command = Command(connection, transaction, $"{MessageSelect} WHERE m.id = $id", ("$id", messageId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadStored(reader) : null;
    }

    private Task<MessageInfo?> TransitionAsync(string messageId, Func<MessageState, MessageState?, MessageState> next, CancellationToken cancellationToken)
    {
        if (!MessageIds.IsValid(messageId))
            return Task.FromResult<MessageInfo?>(null);
        return WriteTransactionAsync<MessageInfo?>((connection, transaction, tracker) =>
        {
            if (Find(connection, transaction, messageId) is not { } stored)
                return null;
            var from = stored.Message.State;
            var to = next(from, stored.StateBeforeDelete);
            if (to == from)
                return stored.Message;
            var now = Now;
            tracker.Watch(stored.Message.Mailbox);
            Execute(connection, transaction,
                "UPDATE messages SET state = $to, state_before_delete = $before, state_changed_ms = $now WHERE id = $id",
                ("$to", (int)to), ("$before", to == MessageState.Deleted ? (int)from : null), ("$now", ToMs(now)), ("$id", messageId));
            return stored.Message with { State = to, StateChangedUtc = now };
        }, cancellationToken);
    }

    /// <summary>Deletes a row; returns the path its audio had, or null when there was no such row.</summary>
    private string? DeleteRow(SqliteConnection connection, SqliteTransaction transaction, MessageWaitingTracker tracker, string messageId)
    {
        if (Find(connection, transaction, messageId) is not { } stored)
            return null;
        tracker.Watch(stored.Message.Mailbox);
        Execute(connection, transaction, "DELETE FROM messages WHERE id = $id", ("$id", messageId));
        return MessagePath(stored.DirName, messageId);
    }

    /// <summary>After the row is gone: delete the file now, or when the last playback of it ends.</summary>
    private void DeleteAudioWhenFree(string path)
    {
        var id = Path.GetFileNameWithoutExtension(path);
        if (_leases.DeleteNowOrOnRelease(id, path))
            DurableFile.TryDelete(path);
    }

    private void InsertRow(SqliteConnection connection, SqliteTransaction transaction, MessageWaitingTracker tracker, PendingMessage message)
    {
        using (var exists = Command(connection, transaction, "SELECT 1 FROM mailboxes WHERE name = $name", ("$name", message.Mailbox)))
        {
            if (exists.ExecuteScalar() is null)
                throw new MailboxNotFoundException(message.Mailbox);
        }
        tracker.Watch(message.Mailbox);
        Execute(connection, transaction, """
            INSERT INTO messages (id, mailbox, kind, state, caller_number, caller_name, received_ms, state_changed_ms,
                                  audio_bytes, priority, private, forwarded_from)
            VALUES ($id, $mailbox, $kind, $state, $number, $name, $received, $received, $bytes, $priority, $private, $from)
            """,
            ("$id", message.Id), ("$mailbox", message.Mailbox), ("$kind", (int)message.Kind), ("$state", (int)message.State),
            ("$number", message.CallerNumber), ("$name", message.CallerName), ("$received", ToMs(message.ReceivedUtc)),
            ("$bytes", message.AudioBytes), ("$priority", message.Priority), ("$private", message.Private),
            ("$from", message.ForwardedFrom));
    }

    private static StoredMessage ReadStored(SqliteDataReader reader)
    {
        var audioBytes = reader.GetInt64(8);
        var message = new MessageInfo(
            Id: reader.GetString(0),
            Mailbox: reader.GetString(1),
            Kind: (MessageKind)reader.GetInt32(2),
            State: (MessageState)reader.GetInt32(3),
            CallerNumber: reader.IsDBNull(4) ? null : reader.GetString(4),
            CallerName: reader.IsDBNull(5) ? null : reader.GetString(5),
            ReceivedUtc: FromMs(reader.GetInt64(6)),
            StateChangedUtc: FromMs(reader.GetInt64(7)),
            Duration: MessageAudio.Duration(audioBytes),
            Priority: reader.GetBoolean(9),
            Private: reader.GetBoolean(10),
            ForwardedFrom: reader.IsDBNull(11) ? null : reader.GetString(11));
        return new StoredMessage(message, reader.GetString(12), audioBytes,
            reader.IsDBNull(13) ? null : (MessageState)reader.GetInt32(13));
    }
}
