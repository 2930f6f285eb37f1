namespace CallFlow.Mailbox;

/// <summary>
/// A message being recorded: the audio goes to a temporary file as it arrives, with no lock held, so any number of
/// calls record at once. <see cref="CommitAsync"/> publishes it; disposing without committing throws it away.
/// One call writes to one recording: the members are not meant to be used from several threads at once.
/// </summary>
/// <example>
/// <code>
/// await using var recording = await store.BeginRecordingAsync(new RecordingRequest("Sales") { CallerNumber = "201" });
/// await recording.WriteAsync(rtpPayload);          // per 20 ms packet
/// var message = await recording.CommitAsync();     // null if shorter than the minimum length
/// </code>
/// </example>
public interface IMessageRecording : IAsyncDisposable, IDisposable
{
    /// <summary>The id the message will have once committed.</summary>
    string MessageId { get; }

    /// <summary>The target mailbox (normalised name).</summary>
    string Mailbox { get; }

    /// <summary>Audio written so far.</summary>
    TimeSpan Duration { get; }

    /// <summary>
    /// True once the store's file system filled up during this recording: the audio written before stays and is
    /// committed, later audio is dropped (<see cref="SqliteMailboxStore.IsFull"/>).
    /// </summary>
    bool IsCutShort => false;

    /// <summary>Appends 8 kHz G.711 µ-law bytes (one byte per sample).</summary>
    void Write(ReadOnlySpan<byte> g711);

    /// <summary>Appends 8 kHz G.711 µ-law bytes (one byte per sample).</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> g711, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the message durable and visible: flushes the audio to disk, renames it into the mailbox, then commits
    /// its row. Returns null, keeping nothing, when the audio is shorter than the minimum message length. When this
    /// returns a message, it survives a crash or power loss; when it throws, nothing is kept.
    /// </summary>
    Task<MessageInfo?> CommitAsync(CancellationToken cancellationToken = default);

    /// <summary>Throws the recording away (deletes the temporary file). Does nothing after a commit.</summary>
    void Abort();
}
