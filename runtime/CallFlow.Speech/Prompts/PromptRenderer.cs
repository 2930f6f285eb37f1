using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CallFlow.Audio;
using CallFlow.Speech.Tts;

namespace CallFlow.Speech.Prompts;

/// <summary>
/// Renders every catalogue entry to <c>&lt;output&gt;/&lt;language&gt;/&lt;name&gt;.wav</c> (8 kHz mono µ-law WAV) for
/// <c>build/render-prompts.sh</c>. Deterministic: the same catalogue, engine version and options give the same bytes.
/// Idempotent: <c>&lt;language&gt;/manifest.json</c> records a hash of what made each file, and a file whose hash is
/// unchanged is not rendered again; files of names that left the catalogue are deleted.
/// </summary>
/// <param name="tts">The engine that speaks the texts.</param>
/// <param name="catalogue">The texts.</param>
/// <param name="fingerprint">The engine version and every option that changes the audio (voice table, speed, amplitude).</param>
public sealed class PromptRenderer(ITextToSpeech tts, PromptCatalogue catalogue, string fingerprint)
{
    /// <summary>Raise when rendering changes in a way the fingerprint does not show (resampler, trimming, voices per language).</summary>
    public const int Version = 1;

    private const string ManifestName = "manifest.json";

    /// <summary>Renders <paramref name="languages"/> (all catalogue languages when empty), <paramref name="parallelism"/> prompts at a time.</summary>
    public async Task<PromptRenderSummary> RenderAsync(string output, IReadOnlyCollection<string> languages, bool force, int parallelism,
        TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);
        var chosen = languages.Count == 0 ? catalogue.Languages : [.. languages];
        int rendered = 0, upToDate = 0, removed = 0;
        var failures = new ConcurrentBag<string>();
        foreach (var language in chosen)
        {
            var entries = catalogue.Entries(language);
            if (entries.Count == 0)
            {
                failures.Add($"{language}: the catalogue has no prompts for this language");
                continue;
            }
            var folder = Path.Combine(output, language);
            Directory.CreateDirectory(folder);
            var before = ReadManifest(folder);
            var after = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            var languageRendered = 0;
            await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (entry, token) =>
                {
                    var (name, text) = entry;
                    var hash = Hash(language, text);
                    var path = Path.Combine(folder, name + ".wav");
                    if (!force && before.GetValueOrDefault(name) == hash && File.Exists(path))
                    {
                        after[name] = hash;
                        Interlocked.Increment(ref upToDate);
                        return;
                    }
                    var result = await PromptRendering.RenderAsync(tts, language, text, token).ConfigureAwait(false);
                    if (!result.Succeeded)
                    {
                        failures.Add($"{language}/{name}: {result.Failure}: {result.Message}");
                        return;
                    }
                    WriteAtomically(path, WavWriter.ToBytes(AudioFormat.Telephony(AudioEncoding.MuLaw), result.Audio.Span));
                    after[name] = hash;
                    Interlocked.Increment(ref languageRendered);
                }).ConfigureAwait(false);
            // Only files this renderer made are removed; a site's own recordings in the folder are left alone.
            foreach (var stale in before.Keys.Where(name => entries.All(e => e.Key != name)))
            {
                File.Delete(Path.Combine(folder, stale + ".wav"));
                removed++;
            }
            WriteManifest(folder, after);
            rendered += languageRendered;
            await log.WriteLineAsync($"{language}: {entries.Count} prompts, {languageRendered} rendered").ConfigureAwait(false);
        }
        return new PromptRenderSummary(rendered, upToDate, removed, [.. failures.Order(StringComparer.Ordinal)]);
    }

    private string Hash(string language, string text)
    {
        var key = $"{Version}\n{fingerprint}\n{language}\n{text}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private static Dictionary<string, string> ReadManifest(string folder)
    {
        var path = Path.Combine(folder, ManifestName);
        try
        {
            return File.Exists(path)
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
                : [];
        }
        catch (JsonException)
        {
            return []; // a damaged manifest only costs a full render
        }
    }

    private static void WriteManifest(string folder, ConcurrentDictionary<string, string> hashes)
    {
        var sorted = new SortedDictionary<string, string>(hashes, StringComparer.Ordinal);
        WriteAtomically(Path.Combine(folder, ManifestName),
            JsonSerializer.SerializeToUtf8Bytes(sorted, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Write beside, then rename: a reader (a running server) never sees half a file.</summary>
    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
