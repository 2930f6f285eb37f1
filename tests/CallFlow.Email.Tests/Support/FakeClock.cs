namespace CallFlow.Email.Tests.Support;

/// <summary>A clock that only moves when the test says so (its timers are the system's: only RunOnceAsync is used with it).</summary>
internal sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private long _ticks = start.UtcTicks;

    public FakeClock() : this(Epoch) { }

    public DateTimeOffset Now => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
