using CallFlow.Audio;
using CallFlow.Media;
using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Server.Sip;

/// <summary>
/// Turns the prompts the machine asks for into audio for a call: recorded files (messages, greetings, prompt files)
/// read from disk, system prompts from <c>&lt;data&gt;/prompts/&lt;language&gt;/&lt;name&gt;.wav</c> along the language's fallback
/// chain. A prompt with no audio yet (not rendered, or text to speech) is a short soft tone, so the caller still
/// hears that something was said and the flow's timing holds; the log names what is missing.
/// </summary>
public sealed class PromptAudio(string promptDirectory, Action<string>? missing = null)
{
    private static readonly byte[] PlaceholderMuLaw = MakePlaceholder(G711Law.MuLaw);
    private static readonly byte[] PlaceholderALaw = MakePlaceholder(G711Law.ALaw);

    /// <summary>The audio for <paramref name="prompt"/> in <paramref name="law"/>, loaded now (the media thread must not read files).</summary>
    public IAudioSource Resolve(PlayPrompt prompt, IReadOnlyList<string> languages, G711Law law)
    {
        try
        {
            switch (prompt.Kind)
            {
                case VmpPromptKind.File when File.Exists(prompt.Text):
                    return WavAudioSource.FromFile(prompt.Text, law);
                case VmpPromptKind.System:
                    foreach (var language in languages)
                    {
                        var path = Path.Combine(promptDirectory, language, prompt.Text.Replace(':', '_') + ".wav");
                        if (File.Exists(path))
                            return WavAudioSource.FromFile(path, law);
                    }
                    break;
            }
        }
        catch (Exception e) when (e is IOException or WavFormatException or UnauthorizedAccessException)
        {
            missing?.Invoke($"prompt {prompt.Kind} '{prompt.Text}' could not be read: {e.Message}");
            return Placeholder(law);
        }
        missing?.Invoke($"no audio for prompt {prompt.Kind} '{prompt.Text}' ({string.Join(", ", languages)})");
        return Placeholder(law);
    }

    private static MemoryAudioSource Placeholder(G711Law law) => new(law == G711Law.ALaw ? PlaceholderALaw : PlaceholderMuLaw);

    // 300 ms of a quiet 440 Hz tone.
    private static byte[] MakePlaceholder(G711Law law)
    {
        var samples = new short[2400];
        Tone.Sine(samples, 440, 0.1);
        var encoded = new byte[samples.Length];
        G711.Encode(samples, encoded, law);
        return encoded;
    }
}
