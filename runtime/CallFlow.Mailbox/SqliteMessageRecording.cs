namespace CallFlow.Mailbox;

/// <summary>
/// Writes a recording to <c>tmp/&lt;id&gt;.wav.part</c>: a placeholder header, then the audio as it comes. No lock
/// is held while writing. Commit fills in the header, flushes to disk and hands over to the store. When the file
/// system fills up (this recording's write or another's), the recording is cut short: what was written stays, the
/// rest is dropped, and the commit goes into the room the store's space reserve gave back.
/// </summary>
internal sealed class SqliteMessageRecording : IMessageRecording
{
    private const int Open = 0, Committing = 1, Finished = 2;

    private readonly SqliteMailboxStore _store;
    private readonly PendingMessage _message;
    private readonly TimeSpan _minimum;
    private readonly string _stagedPath;
    private FileStream? _file;
    private long _bytes;
    private int _state;
    private volatile bool _cutShort;

    public SqliteMessageRecording(SqliteMailboxStore store, PendingMessage message, TimeSpan minimum, string stagedPath)
    {
        _store = store;
        _message = message;
        _minimum = minimum;
        _stagedPath = stagedPath;
        // Unbuffered: the SIP server writes a second of audio at a time, so a buffer would only copy it, and at a
        // thousand calls at once 16 KB each was a good part of what every call allocated.
        _file = new FileStream(stagedPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        try
        {
            Span<byte> header = stackalloc byte[MessageAudio.HeaderSize];
            MessageAudio.WriteHeader(header, 0);
            _file.Write(header);
        }
        catch
        {
            Discard();
            throw;
        }
    }

    public string MessageId => _message.Id;

    public string Mailbox => _message.Mailbox;

    public TimeSpan Duration => MessageAudio.Duration(Interlocked.Read(ref _bytes));

    public bool IsCutShort => _cutShort;

    public void Write(ReadOnlySpan<byte> g711)
    {
        var file = RequireOpen();
        if (StopsHere())
            return;
        try
        {
            file.Write(g711);
            Interlocked.Add(ref _bytes, g711.Length);
        }
        catch (IOException e) when (StorageErrors.IsFull(e))
        {
            CutShort(e);
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> g711, CancellationToken cancellationToken = default)
    {
        var file = RequireOpen();
        if (StopsHere())
            return;
        try
        {
            await file.WriteAsync(g711, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _bytes, g711.Length);
        }
        catch (IOException e) when (StorageErrors.IsFull(e))
        {
            CutShort(e);
        }
    }

    /// <summary>Whether audio is no longer kept: this recording was cut short, or the store is full now.</summary>
    private bool StopsHere()
    {
        if (_cutShort)
            return true;
        if (!_store.IsFull)
            return false;
        // Another write filled the disk: stop here too, so the reserve's room goes to commits, not more audio.
        _cutShort = true;
        return true;
    }

    /// <summary>The disk filled during a write: keep the audio before it (the file may hold part of this write).</summary>
    private void CutShort(IOException error)
    {
        _cutShort = true;
        _store.OnStorageFull(error);
        _file!.SetLength(MessageAudio.HeaderSize + Interlocked.Read(ref _bytes));
        _file.Position = _file.Length;
    }

    public async Task<MessageInfo?> CommitAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, Committing, Open) != Open)
            throw new InvalidOperationException("the recording was already committed or aborted");
        try
        {
            var bytes = Interlocked.Read(ref _bytes);
            if (MessageAudio.Duration(bytes) < _minimum)
            {
                Discard();
                return null;
            }
            _store.RetryOnceWhenFull(() => Seal(bytes));
            return await _store.PublishAsync(_message with { AudioBytes = bytes }, _stagedPath, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Discard();
            throw;
        }
        finally
        {
            Volatile.Write(ref _state, Finished);
        }
    }

    public void Abort()
    {
        if (Interlocked.CompareExchange(ref _state, Finished, Open) == Open)
            Discard();
    }

    public void Dispose() => Abort();

    public ValueTask DisposeAsync()
    {
        Abort();
        return ValueTask.CompletedTask;
    }

    private FileStream RequireOpen() =>
        Volatile.Read(ref _state) == Open && _file is { } file
            ? file
            : throw new InvalidOperationException("the recording was already committed or aborted");

    /// <summary>
    /// Pad byte, real sizes in the header, then fsync: after this the file is whole on disk. May run again after a
    /// full disk made it fail, so it writes at fixed positions.
    /// </summary>
    private bool Seal(long bytes)
    {
        var file = _file!;
        file.Position = MessageAudio.HeaderSize + bytes;
        if ((bytes & 1) != 0)
            file.WriteByte(0);
        Span<byte> header = stackalloc byte[MessageAudio.HeaderSize];
        MessageAudio.WriteHeader(header, bytes);
        file.Flush();
        file.Position = 0;
        file.Write(header);
        file.Flush(flushToDisk: true);
        file.Dispose();
        _file = null;
        return true;
    }

    private void Discard()
    {
        _file?.Dispose();
        _file = null;
        DurableFile.TryDelete(_stagedPath);
    }
}
