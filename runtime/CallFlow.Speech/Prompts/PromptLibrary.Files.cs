using CallFlow.Audio;
using CallFlow.Speech.Tts;

namespace CallFlow.Speech.Prompts;

public sealed partial class PromptLibrary
{
    /// <summary>
    /// A recorded prompt by path: first under a folder per language of the chain (<c>fr/greetings/welcome.wav</c>),
    /// then the path itself. The path may come from call variables, so it must stay inside the folder.
    /// </summary>
    private async ValueTask<PromptAudio> FileAsync(string path, IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        if (_options.CustomPromptDirectory is not { } root)
            return Missing($"prompt file '{path}' cannot be played: no prompt folder is configured");
        if (path.Length == 0 || Path.IsPathRooted(path) || path.Split('/', '\\').Any(part => part is ".." or "") || !path.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
            return Missing($"prompt file '{path}' is refused: a path must be relative, stay inside the prompt folder and end in .wav");
        var full = Path.GetFullPath(root);
        foreach (var candidate in languages.Select(l => Path.Combine(full, l, path)).Append(Path.Combine(full, path)))
        {
            if (!Path.GetFullPath(candidate).StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(candidate))
                continue;
            var language = Path.GetRelativePath(full, candidate).Split(Path.DirectorySeparatorChar)[0];
            try
            {
                var audio = await ReadFileAsync(candidate, cancellationToken).ConfigureAwait(false);
                return new PromptAudio(audio, languages.Contains(language) ? language : null, candidate);
            }
            catch (WavFormatException e)
            {
                return Missing($"prompt file '{candidate}' cannot be played: {e.Message}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Missing($"prompt file '{candidate}' cannot be read: {e.Message}");
            }
        }
        return Missing($"prompt file '{path}' was not found in {root} (looked in {string.Join(", ", languages.Select(l => l + "/"))} and the folder itself)");
    }

    /// <summary>A file's audio, from memory while its size and time stamp are unchanged (a re-recorded prompt is read again).</summary>
    private async ValueTask<byte[]> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        var key = (path, $"{info.Length}:{info.LastWriteTimeUtc.Ticks}");
        if (_files.TryGet(key, out var cached))
            return cached;
        var audio = PromptFileReader.ToTelephonyMuLaw(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
        _files.Add(key, audio);
        return audio;
    }
}
