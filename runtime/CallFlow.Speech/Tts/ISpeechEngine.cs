namespace CallFlow.Speech.Tts;

/// <summary>
/// One synthesis at a time per call of <see cref="SynthesizeAsync"/>: for espeak-ng, one process. Kept apart from
/// <see cref="EspeakTextToSpeech"/> (ports, cache, resampling) so tests can count and hold syntheses.
/// </summary>
public interface ISpeechEngine
{
    /// <summary>
    /// Renders SSML (as made by <see cref="SapiMarkup.ToSsml"/>) with <paramref name="voice"/> and returns a WAV file
    /// (espeak-ng: 22,050 Hz 16-bit mono). Cancelling kills the synthesis.
    /// </summary>
    /// <exception cref="SpeechEngineException">The engine is missing or failed.</exception>
    Task<byte[]> SynthesizeAsync(string voice, string ssml, CancellationToken cancellationToken);

    /// <summary>The voice names installed (espeak-ng <c>--voices</c>: language codes such as <c>en-gb</c>, <c>fr</c>, <c>es-419</c>).</summary>
    /// <exception cref="SpeechEngineException">The engine is missing or failed.</exception>
    Task<IReadOnlySet<string>> ListVoicesAsync(CancellationToken cancellationToken);

    /// <summary>The engine and its version, e.g. "eSpeak NG text-to-speech: 1.51"; the prompt renderer keys its output on it.</summary>
    /// <exception cref="SpeechEngineException">The engine is missing or failed.</exception>
    Task<string> GetVersionAsync(CancellationToken cancellationToken);
}
