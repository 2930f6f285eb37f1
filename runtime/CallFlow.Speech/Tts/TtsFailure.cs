namespace CallFlow.Speech.Tts;

/// <summary>Why text could not be spoken. The host plays a short tone instead and the call goes on (Speak Text takes Next).</summary>
public enum TtsFailure
{
    /// <summary>The engine (espeak-ng) is not installed or cannot be started.</summary>
    NotInstalled,

    /// <summary>No voice for the language nor for any language of its fallback chain.</summary>
    NoVoice,

    /// <summary>The text is longer than <see cref="EspeakOptions.MaxTextLength"/>, or the audio would be longer than allowed.</summary>
    TooLong,

    /// <summary>Every TTS port stayed busy for <see cref="EspeakOptions.QueueTimeout"/>.</summary>
    Busy,

    /// <summary>The engine did not finish within <see cref="EspeakOptions.ProcessTimeout"/> and was killed.</summary>
    TimedOut,

    /// <summary>The engine ran but failed or produced no usable audio.</summary>
    EngineFailed,
}
