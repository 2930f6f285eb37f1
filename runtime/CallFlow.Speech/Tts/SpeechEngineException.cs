namespace CallFlow.Speech.Tts;

/// <summary>An <see cref="ISpeechEngine"/> could not synthesize: not installed, or it failed. Caught by <see cref="EspeakTextToSpeech"/>.</summary>
public sealed class SpeechEngineException(TtsFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary><see cref="TtsFailure.NotInstalled"/>, <see cref="TtsFailure.TooLong"/> or <see cref="TtsFailure.EngineFailed"/>.</summary>
    public TtsFailure Failure { get; } = failure;
}
