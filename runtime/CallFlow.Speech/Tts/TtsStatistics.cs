namespace CallFlow.Speech.Tts;

/// <summary>Counters of an <see cref="EspeakTextToSpeech"/> since it was made; read them for logs, tests and benchmarks.</summary>
public sealed class TtsStatistics
{
    private long _requests;
    private long _cacheHits;
    private long _syntheses;
    private long _failures;

    /// <summary>Calls of SpeakAsync.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests answered from the cache (or by joining an identical synthesis in progress).</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    /// <summary>Syntheses run by the engine: for espeak-ng, processes started to speak.</summary>
    public long Syntheses => Interlocked.Read(ref _syntheses);

    /// <summary>Requests that came back failed.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    internal void Requested() => Interlocked.Increment(ref _requests);

    internal void Hit() => Interlocked.Increment(ref _cacheHits);

    internal void Synthesized() => Interlocked.Increment(ref _syntheses);

    internal void Failed() => Interlocked.Increment(ref _failures);
}
