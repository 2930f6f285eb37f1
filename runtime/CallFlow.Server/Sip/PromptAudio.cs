using CallFlow.Audio;
using CallFlow.Media;
using CallFlow.Runtime.Vm;
using CallFlow.Speech.Prompts;
using CallFlow.Vmp;

namespace CallFlow.Server.Sip;

/// <summary>
/// Turns the prompts the machine asks for into audio for a call: recorded files (messages, greetings) read from the
/// data directory as they are; system prompts, spoken text, digits and composed numbers, times and dates through the
/// <see cref="PromptLibrary"/> in the call's language and its fallbacks (rendered files, else espeak-ng on demand). A
/// prompt with no audio anywhere is the library's short problem tone, so the call goes on; the log says what is missing.
/// </summary>
public sealed class PromptAudio(PromptLibrary library, Action<string>? missing = null)
{
    /// <summary>The audio for <paramref name="prompt"/> in <paramref name="law"/>, loaded before it is queued (the media
    /// thread must not read files or wait for text to speech).</summary>
    public async ValueTask<IAudioSource> ResolveAsync(PlayPrompt prompt, IReadOnlyList<string> languages, G711Law law, CancellationToken cancellationToken)
    {
        var path = prompt.AudioPath ?? prompt.Text;
        if (prompt.Kind == VmpPromptKind.File && Path.IsPathRooted(path) && File.Exists(path))
        {
            try
            {
                return WavAudioSource.FromFile(path, law);
            }
            catch (Exception e) when (e is IOException or WavFormatException or UnauthorizedAccessException)
            {
                missing?.Invoke($"recording '{path}' could not be read: {e.Message}");
                return Encode(PromptLibrary.ProblemTone, law);
            }
        }
        var audio = await library.ResolveAsync(prompt.Kind, prompt.Text, languages, cancellationToken).ConfigureAwait(false);
        if (!audio.Found)
            missing?.Invoke($"prompt {prompt.Kind} '{prompt.Text}': {audio.Problem}");
        return Encode(audio.MuLaw, law);
    }

    // The library's audio is µ-law; an A-law call re-encodes it as it plays instead of copying the prompt per call.
    private static MemoryAudioSource Encode(ReadOnlyMemory<byte> muLaw, G711Law law) =>
        MemoryAudioSource.Transcoding(muLaw, G711Law.MuLaw, law);
}
