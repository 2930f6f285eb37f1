namespace CallFlow.Speech.Tts;

/// <summary>
/// Speaks text in a prompt language (Speak Text, <c>tts("...")</c> prompts, and the prompt renderer). Call variables
/// are already replaced; SAPI 5 tags (<c>&lt;spell&gt;</c>, <c>&lt;silence msec="500"/&gt;</c> ...) may remain.
/// Never throws for engine trouble: a failure comes back as a <see cref="TtsResult"/> with its reason.
/// </summary>
public interface ITextToSpeech
{
    /// <summary>
    /// Speaks <paramref name="text"/> with the voice of <paramref name="language"/> (a <c>PromptLanguages</c> code),
    /// or of the first language in its fallback chain that has one.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the call hung up).</exception>
    ValueTask<TtsResult> SpeakAsync(string text, string language, CancellationToken cancellationToken = default);
}
