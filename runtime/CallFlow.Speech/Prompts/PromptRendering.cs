using CallFlow.Speech.Tts;

namespace CallFlow.Speech.Prompts;

/// <summary>
/// Turns one catalogue text into prompt audio, the same way for the build-time renderer and for rendering on
/// demand, so both give the same bytes: generated sounds (<see cref="GeneratedAudio"/>) as described, speech through
/// TTS with its silence trimmed (<see cref="SilenceTrimmer"/>).
/// </summary>
public static class PromptRendering
{
    /// <summary>The voice name reported for generated sounds.</summary>
    public const string GeneratedVoice = "generated";

    /// <summary>The audio of <paramref name="text"/> in <paramref name="language"/>, or the failure.</summary>
    public static async ValueTask<TtsResult> RenderAsync(ITextToSpeech tts, string language, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tts);
        ArgumentNullException.ThrowIfNull(text);
        if (GeneratedAudio.IsGenerated(text))
            return GeneratedAudio.Render(text) is { } sound
                ? TtsResult.Spoken(sound, GeneratedVoice, fromCache: false)
                : TtsResult.Failed(TtsFailure.EngineFailed, $"'{text}' is not a sound CallFlow can make (@tone:<Hz>:<ms> or @silence:<ms>, at most 30 s)");
        var spoken = await tts.SpeakAsync(text, language, cancellationToken).ConfigureAwait(false);
        return spoken.Succeeded ? TtsResult.Spoken(SilenceTrimmer.Trim(spoken.Audio), spoken.Voice!, spoken.FromCache) : spoken;
    }
}
