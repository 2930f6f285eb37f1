namespace CallFlow.Media;

/// <summary>
/// Something the <see cref="MediaClock"/> drives once per tick, such as one call's <see cref="RtpSession"/>. Ticks
/// arrive in order on the clock's one thread, so an implementation sees no concurrency from the clock itself.
/// </summary>
/// <remarks>
/// A tick must do a bounded amount of work (one frame out, one frame in), must not block or await, and should not
/// allocate: every stream shares the 20 ms, and one slow tick makes every call's packet late.
/// </remarks>
public interface IMediaTickable
{
    /// <summary>
    /// Does one tick's work. <paramref name="tickNumber"/> counts periods since the clock started; it rises by one per
    /// tick, and by more when the clock had to skip ticks after a stall, so time since start is tickNumber × period.
    /// </summary>
    void Tick(long tickNumber);
}
