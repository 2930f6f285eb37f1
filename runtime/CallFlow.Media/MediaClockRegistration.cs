namespace CallFlow.Media;

/// <summary>
/// One stream's place on a <see cref="MediaClock"/>; dispose it to stop the ticks. A tick already running on the
/// clock thread finishes, but no new one starts after <see cref="Dispose"/> returns.
/// </summary>
public sealed class MediaClockRegistration : IDisposable
{
    private readonly MediaClock _clock;
    private volatile bool _removed;

    internal MediaClockRegistration(MediaClock clock, IMediaTickable tickable) => (_clock, Tickable) = (clock, tickable);

    /// <summary>What the clock ticks.</summary>
    public IMediaTickable Tickable { get; }

    /// <summary>The exception a tick threw, after which the clock dropped the stream; null while it runs well.</summary>
    public Exception? Fault { get; internal set; }

    /// <summary>True once disposed or dropped after a fault.</summary>
    public bool IsRemoved => _removed;

    /// <summary>Where the stream sits in the clock's array; -1 when not in it. Only the clock thread touches it.</summary>
    internal int Index { get; set; } = -1;

    /// <summary>Stops the ticks; calling it again does nothing.</summary>
    public void Dispose()
    {
        if (_removed)
            return;
        _removed = true;
        _clock.Unregister(this);
    }

    internal void MarkRemoved() => _removed = true;
}
