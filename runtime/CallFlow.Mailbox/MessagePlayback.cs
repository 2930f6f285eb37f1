namespace CallFlow.Mailbox;

/// <summary>The lease behind <see cref="IMessagePlayback"/>; disposing it lets go exactly once.</summary>
internal sealed class MessagePlayback(SqliteMailboxStore store, MessageInfo message, string audioPath) : IMessagePlayback
{
    private int _disposed;

    public MessageInfo Message { get; } = message;

    public string AudioPath { get; } = audioPath;

    // FileShare.Delete: on Windows too, removal is never blocked by a reader; the lease decides when a file goes.
    public Stream OpenAudio()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return new FileStream(AudioPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            store.ReleaseHold(Message.Id);
    }
}
