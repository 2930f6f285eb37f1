namespace CallFlow.Media;

/// <summary>
/// One stream's place on a <see cref="MediaClock"/>; dispose it to stop the ticks. A tick already running on the
/// clock thread finishes, but no new one starts after <see cref="Dispose"/> returns.
/// </summary>
public sealed class MediaClockRegistration : IDisposable
{
    private readonly MediaClockLane _lane;
    private int _removed;

    internal MediaClockRegistration(MediaClockLane lane, IMediaTickable tickable) => (_lane, Tickable) = (lane, tickable);

    /// <summary>What the clock ticks.</summary>
    public IMediaTickable Tickable { get; }

    /// <summary>The exception a tick threw, after which the clock dropped the stream; null while it runs well.</summary>
    public Exception? Fault { get; internal set; }

    /// <summary>True once disposed or dropped after a fault.</summary>
    public bool IsRemoved => Volatile.Read(ref _removed) != 0;

    /// <summary>Where the stream sits in its lane's array; -1 when not in it. Only the lane's thread touches it.</summary>
    internal int Index { get; set; } = -1;

    /// <summary>Stops the ticks; calling it again does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _removed, 1) == 0)
            _lane.Unregister(this);
    }

    /// <summary>Marks the stream removed (after a fault); true if it was not already.</summary>
    internal bool MarkRemoved() => Interlocked.Exchange(ref _removed, 1) == 0;
}
