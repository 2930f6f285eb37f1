using System.Collections.Concurrent;
using System.Collections.Immutable;
using CallFlow.Audio;
using CallFlow.Speech.Tts;
using CallFlow.Vmp;

namespace CallFlow.Speech.Prompts;

/// <summary>
/// Finds the audio of a prompt (a <c>PlayPrompt</c>'s kind and text) in the call's language or, failing that, the
/// next language of its fallback chain (reference §11.1): system prompts from rendered files or the catalogue,
/// values composed from pieces (<see cref="PromptComposer"/>), recorded files by path, and text through TTS. A prompt
/// found nowhere gives <see cref="ProblemTone"/> and a message instead of an exception, so the call goes on.
/// Thread-safe; one library serves every call.
/// </summary>
/// <example><code>
/// var library = new PromptLibrary(new PromptLibraryOptions { SystemPromptDirectory = "artifacts/prompts" }, tts);
/// foreach (var prompt in play.Prompts)
///     queue.Add(await library.ResolveAsync(prompt.Kind, prompt.Text, play.Languages, cancellationToken));
/// </code></example>
public sealed partial class PromptLibrary
{
    private readonly PromptLibraryOptions _options;
    private readonly ITextToSpeech? _tts;
    private readonly PromptCatalogue _catalogue;
    private readonly ConcurrentDictionary<(string Language, string Name), (ReadOnlyMemory<byte> Audio, string Source)> _pieces = new();
    private readonly ConcurrentDictionary<(string Language, string Name), bool> _absent = new();
    private readonly AudioCache _files;

    /// <summary>A library over <paramref name="options"/>' folders, with <paramref name="tts"/> for speech and on-demand rendering (optional).</summary>
    public PromptLibrary(PromptLibraryOptions options, ITextToSpeech? tts = null, PromptCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.FileCacheBytes);
        (_options, _tts, _catalogue) = (options, tts, catalogue ?? PromptCatalogue.BuiltIn);
        _files = new AudioCache(options.FileCacheBytes);
    }

    /// <summary>What plays instead of a missing prompt: two short 880 Hz beeps, 300 ms in all.</summary>
    public static ReadOnlyMemory<byte> ProblemTone { get; } = MakeProblemTone();

    /// <summary>Resolves every prompt of a play, in order (each problem is in its own <see cref="PromptAudio"/>).</summary>
    public async ValueTask<ImmutableArray<PromptAudio>> ResolveAllAsync(
        IEnumerable<(VmpPromptKind Kind, string Text)> prompts, IReadOnlyList<string> languages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var resolved = ImmutableArray.CreateBuilder<PromptAudio>();
        foreach (var (kind, text) in prompts)
            resolved.Add(await ResolveAsync(kind, text, languages, cancellationToken).ConfigureAwait(false));
        return resolved.ToImmutable();
    }

    /// <summary>
    /// The audio of one prompt. <paramref name="languages"/> is the call's chain, its language first (a
    /// <c>PlayEffect</c>'s Languages; empty means English).
    /// </summary>
    /// <exception cref="OperationCanceledException">The call hung up meanwhile.</exception>
    public async ValueTask<PromptAudio> ResolveAsync(VmpPromptKind kind, string text, IReadOnlyList<string> languages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(languages);
        if (languages.Count == 0)
            languages = PromptLanguages.FallbackChain("en");
        if (PromptValue.IsComposed(kind, text))
            return await ComposedAsync(kind, text, languages, cancellationToken).ConfigureAwait(false);
        return kind switch
        {
            VmpPromptKind.System => await SystemAsync(text, languages, cancellationToken).ConfigureAwait(false),
            VmpPromptKind.File => await FileAsync(text, languages, cancellationToken).ConfigureAwait(false),
            VmpPromptKind.Speech => await SpeechAsync(text, languages[0], cancellationToken).ConfigureAwait(false),
            VmpPromptKind.Recording => Missing("the call's last recording is played by the host, which holds it, not by the prompt library"),
            _ => Missing($"prompt kind {kind} is not known"),
        };
    }

    private async ValueTask<PromptAudio> SystemAsync(string name, IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        foreach (var language in languages)
            if (await PieceAsync(language, name, cancellationToken).ConfigureAwait(false) is { } found)
                return new PromptAudio(found.Audio, language, found.Source);
        return Missing($"system prompt '{name}' has no recording and no text in {string.Join(", ", languages)}" +
            (_tts is null && _options.SystemPromptDirectory is null ? " (no prompt folder and no TTS configured)" : ""));
    }

    private async ValueTask<PromptAudio> SpeechAsync(string text, string language, CancellationToken cancellationToken)
    {
        if (_tts is null)
            return Missing("no text-to-speech engine is configured for tts(...) prompts");
        var result = await _tts.SpeakAsync(text, language, cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? new PromptAudio(result.Audio, language, $"tts {result.Voice}{(result.FromCache ? " (cached)" : "")}")
            : Missing($"text to speech failed ({result.Failure}): {result.Message}");
    }

    /// <summary>
    /// A system prompt or piece in exactly one language: its rendered file, else its catalogue text rendered now
    /// (and kept). Null when that language has neither.
    /// </summary>
    private async ValueTask<(ReadOnlyMemory<byte> Audio, string Source)?> PieceAsync(string language, string name, CancellationToken cancellationToken)
    {
        var key = (language, name);
        if (_pieces.TryGetValue(key, out var cached))
            return cached;
        if (_absent.ContainsKey(key))
            return null;
        if (_options.SystemPromptDirectory is { } folder && IsPlainName(name))
        {
            var path = Path.Combine(folder, language, name + ".wav");
            if (File.Exists(path))
            {
                try
                {
                    var audio = PromptFileReader.ToTelephonyMuLaw(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
                    return _pieces[key] = (audio, path);
                }
                catch (Exception e) when (e is WavFormatException or IOException or UnauthorizedAccessException)
                {
                    // A damaged file counts as missing: the catalogue or the next language can still speak.
                }
            }
        }
        if (_catalogue.TextOf(language, name) is not { } text)
        {
            _absent[key] = true;
            return null;
        }
        if (GeneratedAudio.IsGenerated(text))
            return GeneratedAudio.Render(text) is { } sound ? _pieces[key] = (sound, $"generated {text}") : null;
        if (!_options.RenderOnDemand || _tts is null)
            return null;
        var rendered = await PromptRendering.RenderAsync(_tts, language, text, cancellationToken).ConfigureAwait(false);
        if (!rendered.Succeeded)
            return null; // not remembered: TTS may come back (installed, less busy)
        return _pieces[key] = (rendered.Audio, $"catalogue {language}/{name} ({rendered.Voice})");
    }

    /// <summary>System prompt names come from flows; only plain names may become file names.</summary>
    private static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    private static PromptAudio Missing(string problem) => new(ProblemTone, null, "problem tone", problem);

    private static ReadOnlyMemory<byte> MakeProblemTone()
    {
        var beep = Tone.SamplesFor(TimeSpan.FromMilliseconds(100));
        var samples = new short[3 * beep];
        Tone.Sine(samples.AsSpan(0, beep), 880, 0.25);
        Tone.Sine(samples.AsSpan(2 * beep, beep), 880, 0.25);
        var muLaw = new byte[samples.Length];
        G711.Encode(samples, muLaw, G711Law.MuLaw);
        return muLaw;
    }
}
