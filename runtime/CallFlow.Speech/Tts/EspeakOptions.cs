namespace CallFlow.Speech.Tts;

/// <summary>How <see cref="EspeakTextToSpeech"/> runs espeak-ng; the defaults suit a voicemail server.</summary>
/// <example><code>new EspeakOptions { MaxConcurrent = 4, ExecutablePath = "/opt/espeak/bin/espeak-ng" }</code></example>
public sealed record EspeakOptions
{
    /// <summary>The espeak-ng program: a name looked up on PATH, or a path. Debian: <c>apt-get install espeak-ng</c>.</summary>
    public string ExecutablePath { get; init; } = "espeak-ng";

    /// <summary>
    /// Syntheses at once: Voicemail Pro's Advanced Edition licence gives 8 generic TTS ports (reference §3.1.2,
    /// §12.1). Requests beyond it wait their turn, first come first served.
    /// </summary>
    public int MaxConcurrent { get; init; } = 8;

    /// <summary>How long a request waits for a port before it fails as <see cref="TtsFailure.Busy"/>.</summary>
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one synthesis may run before its process is killed (<see cref="TtsFailure.TimedOut"/>).</summary>
    public TimeSpan ProcessTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The longest text accepted, in UTF-16 code units (<see cref="TtsFailure.TooLong"/> beyond): about four minutes
    /// of speech, which bounds the process's run time and output.
    /// </summary>
    public int MaxTextLength { get; init; } = 4000;

    /// <summary>The most WAV bytes read from one synthesis (16 MiB: about six minutes at 22,050 Hz); more is <see cref="TtsFailure.TooLong"/>.</summary>
    public int MaxOutputBytes { get; init; } = 16 << 20;

    /// <summary>Bytes of rendered µ-law audio kept in the cache (least recently used goes first); 0 turns the cache off.</summary>
    public long CacheBytes { get; init; } = 32L << 20;

    /// <summary>Words a minute (espeak-ng <c>-s</c>, 80 to 450); a little under espeak's 175 is easier to follow on a phone.</summary>
    public int WordsPerMinute { get; init; } = 160;

    /// <summary>Loudness (espeak-ng <c>-a</c>, 0 to 200, default 100).</summary>
    public int Amplitude { get; init; } = 100;

    /// <summary>The folder holding <c>espeak-ng-data</c> (<c>--path</c>), or null for the engine's own.</summary>
    public string? DataPath { get; init; }

    /// <summary>Checks the ranges; called by the constructors that take options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ExecutablePath);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrent, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ProcessTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTextLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfNegative(CacheBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(WordsPerMinute, 80);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(WordsPerMinute, 450);
        ArgumentOutOfRangeException.ThrowIfNegative(Amplitude);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Amplitude, 200);
    }
}
