namespace CallFlow.Mailbox;

public sealed partial class SqliteMailboxStore
{
    /// <inheritdoc />
    public async Task<IMessageRecording> BeginRecordingAsync(RecordingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Email?.Validate();
        var mailbox = MailboxName.Normalize(request.Mailbox);
        var minimum = request.MinimumLength ?? _options.MinimumMessageLength;
        var dirName = await RequireMailboxDirectoryAsync(mailbox, cancellationToken).ConfigureAwait(false);
        RequireRoomForNewMessage();
        var id = NewMessageId();
        var pending = new PendingMessage(id, mailbox, dirName, request.Kind, request.CallerNumber, request.CallerName,
            Now, AudioBytes: 0, request.Priority, request.Private, ForwardedFrom: null) { Email = request.Email };
        try
        {
            return new SqliteMessageRecording(this, pending, minimum, Path.Combine(TemporaryDirectory, id + ".wav.part"));
        }
        catch (IOException e) when (StorageErrors.IsFull(e))
        {
            // Not retried in the reserve's room: that is for what is already under way.
            OnStorageFull(e);
            throw new StorageFullException(DataDirectory, e);
        }
    }

    private string NewMessageId() => MessageIds.Require(
        _options.NewMessageId is { } source ? source() : Guid.CreateVersion7(Now).ToString("N"),
        nameof(MailboxStoreOptions.NewMessageId));

    /// <summary>
    /// The commit sequence for audio already flushed to <paramref name="stagedPath"/> in <c>tmp/</c>:
    /// rename into the mailbox directory, flush the directory, then insert the row. A crash before the insert
    /// leaves a file with no row, which recovery deletes; so a row always has a whole file.
    /// </summary>
    internal async Task<MessageInfo> PublishAsync(PendingMessage message, string stagedPath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var finalPath = RetryOnceWhenFull(() => PlaceInMailbox(message, stagedPath));
        try
        {
            // Past the rename the commit is not cancellable: a half-cancelled publish would only make an orphan.
            await WriteTransactionAsync((connection, transaction, tracker) =>
            {
                InsertRow(connection, transaction, tracker, message);
                // The mode's e-mail commits with its message: both are there after a crash, or neither.
                if (message.Email is { } email)
                    InsertEmail(connection, transaction, MessageEmailDraft(email, message.ToMessage()), email.Mode, deleteMessageWhenSent: email.Mode == EmailKind.Forward);
                return true;
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            DurableFile.TryDelete(finalPath);
            throw;
        }
        if (message.Email is not null)
            RaiseEmailQueued();
        return message.ToMessage();
    }

    private string PlaceInMailbox(PendingMessage message, string stagedPath)
    {
        CreateMailboxDirectory(message.DirName);
        var finalPath = MessagePath(message.DirName, message.Id);
        File.Move(stagedPath, finalPath, overwrite: false);
        DurableFile.TrySyncDirectory(Path.GetDirectoryName(finalPath)!);
        return finalPath;
    }

    /// <summary>Copies audio into a new file in <c>tmp/</c> and flushes it to disk.</summary>
    private string StageCopy(string sourcePath, string newId)
    {
        var staged = Path.Combine(TemporaryDirectory, newId + ".wav.part");
        try
        {
            using var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            using var target = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            source.CopyTo(target);
            target.Flush(flushToDisk: true);
            return staged;
        }
        catch
        {
            DurableFile.TryDelete(staged);
            throw;
        }
    }
}
