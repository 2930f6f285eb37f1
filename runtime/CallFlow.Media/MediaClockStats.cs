namespace CallFlow.Media;

/// <summary>
/// How well a <see cref="MediaClock"/> kept time since it started or since <see cref="MediaClock.ResetStats"/>.
/// Lateness is how long after its deadline (start + n × period) a tick began; interval deviation is |time between
/// two tick starts − period|, which is the send jitter every stream inherits.
/// </summary>
/// <param name="Ticks">Ticks run in the window.</param>
/// <param name="Streams">Streams registered now.</param>
/// <param name="MeanLateness">Average lateness of a tick.</param>
/// <param name="WorstLateness">Largest lateness of a tick.</param>
/// <param name="MeanIntervalDeviation">Average |interval − period|.</param>
/// <param name="WorstIntervalDeviation">Largest |interval − period|.</param>
/// <param name="MeanTickDuration">Average time the streams' work took in one tick.</param>
/// <param name="WorstTickDuration">Longest time the streams' work took in one tick.</param>
/// <param name="OverrunTicks">Ticks whose work took longer than a period.</param>
/// <param name="SkippedTicks">Ticks given up after a stall too long to catch up on.</param>
/// <param name="Faults">Ticks that threw; each dropped its stream.</param>
public readonly record struct MediaClockStats(
    long Ticks,
    int Streams,
    TimeSpan MeanLateness,
    TimeSpan WorstLateness,
    TimeSpan MeanIntervalDeviation,
    TimeSpan WorstIntervalDeviation,
    TimeSpan MeanTickDuration,
    TimeSpan WorstTickDuration,
    long OverrunTicks,
    long SkippedTicks,
    long Faults);
