namespace CallFlow.Speech.Tts;

/// <summary>
/// What a request to speak gave: 8 kHz mono µ-law audio and the voice that spoke it, or a failure and a message that
/// says what to do about it.
/// </summary>
/// <example><code>
/// var result = await tts.SpeakAsync("You are calling from 201.", "fr");
/// if (!result.Succeeded) log.Warn(result.Message); else play(result.Audio);
/// </code></example>
public sealed record TtsResult
{
    private TtsResult(ReadOnlyMemory<byte> audio, string? voice, bool fromCache, TtsFailure? failure, string? message) =>
        (Audio, Voice, FromCache, Failure, Message) = (audio, voice, fromCache, failure, message);

    /// <summary>8 kHz mono µ-law samples (no header); empty on failure or for text with nothing to say.</summary>
    public ReadOnlyMemory<byte> Audio { get; }

    /// <summary>The espeak-ng voice that spoke, e.g. <c>fr-fr</c>; null on failure.</summary>
    public string? Voice { get; }

    /// <summary>True when the audio came from the cache and no process was started.</summary>
    public bool FromCache { get; }

    /// <summary>Why nothing was spoken, or null.</summary>
    public TtsFailure? Failure { get; }

    /// <summary>A sentence about the failure (and how to fix it), or null.</summary>
    public string? Message { get; }

    /// <summary>True when <see cref="Audio"/> holds the speech.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>Play time of <see cref="Audio"/> (8000 bytes a second).</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(Audio.Length * TimeSpan.TicksPerSecond / 8000);

    /// <summary>Speech that was rendered (or found in the cache).</summary>
    public static TtsResult Spoken(ReadOnlyMemory<byte> audio, string voice, bool fromCache) => new(audio, voice, fromCache, null, null);

    /// <summary>A failure with its reason.</summary>
    public static TtsResult Failed(TtsFailure failure, string message) => new(ReadOnlyMemory<byte>.Empty, null, false, failure, message);
}
