namespace CallFlow.Mailbox;

public sealed partial class SqliteMailboxStore
{
    /// <inheritdoc />
    public async Task<MessageInfo?> CopyMessageAsync(string messageId, string targetMailbox, CancellationToken cancellationToken = default)
    {
        var target = MailboxName.Normalize(targetMailbox);
        var targetDir = await RequireMailboxDirectoryAsync(target, cancellationToken).ConfigureAwait(false);
        // Held like a playback, so housekeeping cannot take the source away mid-copy.
        using var source = await OpenPlaybackAsync(messageId, cancellationToken).ConfigureAwait(false);
        if (source is null)
            return null;
        var copy = CopyOf(source.Message, target, targetDir);
        var staged = StageCopy(source.AudioPath, copy.Id);
        return await PublishAsync(copy, staged, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessageInfo>> BroadcastAsync(string messageId, IEnumerable<string> memberMailboxes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memberMailboxes);
        var members = memberMailboxes.Select(MailboxName.Normalize).Distinct(StringComparer.Ordinal).ToList();
        var source = await OpenPlaybackAsync(messageId, cancellationToken).ConfigureAwait(false);
        if (source is null)
            return [];
        var placed = new List<string>();
        string? originalAudio = null;
        IReadOnlyList<MessageInfo> copies = [];
        try
        {
            members.Remove(source.Message.Mailbox);
            if (members.Count == 0)
                return [];
            var pending = new List<PendingMessage>(members.Count);
            foreach (var member in members)
            {
                var dir = await RequireMailboxDirectoryAsync(member, cancellationToken).ConfigureAwait(false);
                pending.Add(CopyOf(source.Message, member, dir));
            }

            // Every copy is whole in its mailbox directory before the one transaction that inserts all the copies
            // and deletes the original: a crash leaves either the original alone (plus orphans recovery deletes)
            // or every copy and no original.
            foreach (var copy in pending)
                placed.Add(PlaceInMailbox(copy, StageCopy(source.AudioPath, copy.Id)));
            (originalAudio, copies) = await WriteTransactionAsync<(string?, IReadOnlyList<MessageInfo>)>((connection, transaction, tracker) =>
            {
                var original = DeleteRow(connection, transaction, tracker, source.Message.Id);
                if (original is null)
                    return (null, []);
                foreach (var copy in pending)
                    InsertRow(connection, transaction, tracker, copy);
                RepointAttachments(connection, transaction, source.Message.Id, pending[0].Id);
                return (original, pending.Select(copy => copy.ToMessage()).ToList());
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            placed.ForEach(path => DurableFile.TryDelete(path));
            throw;
        }
        finally
        {
            source.Dispose();
        }
        if (originalAudio is null)
        {
            placed.ForEach(path => DurableFile.TryDelete(path));
            return [];
        }
        DeleteAudioWhenFree(originalAudio);
        return copies;
    }

    private PendingMessage CopyOf(MessageInfo source, string targetMailbox, string targetDir) => new(
        NewMessageId(), targetMailbox, targetDir, source.Kind, source.CallerNumber, source.CallerName, Now,
        AudioBytes: MessageAudio.Bytes(source.Duration),
        source.Priority, source.Private, ForwardedFrom: source.Mailbox);
}
