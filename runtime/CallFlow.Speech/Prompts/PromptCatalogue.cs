using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;
using CallFlow.Vmp;

namespace CallFlow.Speech.Prompts;

/// <summary>
/// The text of every system prompt and prompt piece per language, from <c>stdlib/prompts/&lt;language&gt;.json</c>
/// (built into this assembly): <c>{ "language": "fr", "inherits": null, "prompts": { "welcome": "Bienvenue.", ... } }</c>.
/// A catalogue that <c>inherits</c> another has that one's texts for the names it does not give itself (enu gives
/// only "pound" where en says "hash"; the rest is en's text in the en-us voice). A language without a catalogue has
/// no prompts of its own and falls back along its chain. Texts starting with <c>@</c> are generated audio
/// (<see cref="GeneratedAudio"/>).
/// </summary>
public sealed partial class PromptCatalogue
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _own;
    private readonly FrozenDictionary<string, string> _inherits;

    private PromptCatalogue(Dictionary<string, (string? Inherits, Dictionary<string, string> Prompts)> languages)
    {
        _own = languages.ToFrozenDictionary(l => l.Key, l => l.Value.Prompts.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.Ordinal);
        _inherits = languages.Where(l => l.Value.Inherits is not null)
            .ToFrozenDictionary(l => l.Key, l => l.Value.Inherits!, StringComparer.Ordinal);
        Languages = [.. _own.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The catalogue built into CallFlow.Speech (stdlib/prompts/*.json at build time).</summary>
    public static PromptCatalogue BuiltIn { get; } = LoadBuiltIn();

    /// <summary>Language codes with a catalogue of their own, sorted.</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>The text of <paramref name="name"/> in <paramref name="language"/> (through <c>inherits</c>), or null.</summary>
    public string? TextOf(string language, string name)
    {
        for (var current = language; current is not null; current = _inherits.GetValueOrDefault(current))
            if (_own.TryGetValue(current, out var prompts) && prompts.TryGetValue(name, out var text))
                return text;
        return null;
    }

    /// <summary>Every name and text of <paramref name="language"/>, inherited ones included, sorted by name; empty without a catalogue.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries(string language)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        var chain = new List<string>();
        for (var current = language; current is not null && _own.ContainsKey(current); current = _inherits.GetValueOrDefault(current))
            chain.Add(current);
        for (var i = chain.Count - 1; i >= 0; i--)
            foreach (var (name, text) in _own[chain[i]])
                merged[name] = text;
        return [.. merged.OrderBy(e => e.Key, StringComparer.Ordinal)];
    }

    /// <summary>Reads every <c>&lt;language&gt;.json</c> of a folder (the prompt renderer's <c>--catalogue</c>; tests).</summary>
    /// <exception cref="InvalidDataException">A file is malformed; the message names the file and the problem.</exception>
    public static PromptCatalogue Load(string directory) =>
        Parse(Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), (Func<Stream>)(() => File.OpenRead(path)))));

    private static PromptCatalogue LoadBuiltIn()
    {
        var assembly = typeof(PromptCatalogue).Assembly;
        return Parse(assembly.GetManifestResourceNames().Where(n => n.StartsWith("prompts/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(n => (n["prompts/".Length..], (Func<Stream>)(() => assembly.GetManifestResourceStream(n)!))));
    }

    private static PromptCatalogue Parse(IEnumerable<(string FileName, Func<Stream> Open)> files)
    {
        var languages = new Dictionary<string, (string?, Dictionary<string, string>)>(StringComparer.Ordinal);
        foreach (var (fileName, open) in files)
        {
            using var stream = open();
            var (language, entry) = ParseFile(fileName, stream);
            languages[language] = entry;
        }
        foreach (var (language, (inherits, _)) in languages)
            if (inherits is not null && !languages.ContainsKey(inherits))
                throw new InvalidDataException($"{language}.json: it inherits '{inherits}', which has no catalogue");
        return new PromptCatalogue(languages);
    }

    private static (string Language, (string? Inherits, Dictionary<string, string> Prompts)) ParseFile(string fileName, Stream stream)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{fileName}: not valid JSON ({e.Message})", e);
        }
        using (document)
        {
            var root = document.RootElement;
            string Fail(string problem) => throw new InvalidDataException($"{fileName}: {problem}");
            if (root.ValueKind != JsonValueKind.Object)
                Fail("the file must hold one object with \"language\" and \"prompts\"");
            var language = root.TryGetProperty("language", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : Fail("\"language\" is missing");
            if (!PromptLanguages.All.ContainsKey(language))
                Fail($"'{language}' is not a prompt language (one of {string.Join(", ", PromptLanguages.All.Keys.Order(StringComparer.Ordinal))})");
            if (Path.GetFileNameWithoutExtension(fileName) != language)
                Fail($"the file of language '{language}' must be named {language}.json");
            string? inherits = root.TryGetProperty("inherits", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            if (!root.TryGetProperty("prompts", out var prompts) || prompts.ValueKind != JsonValueKind.Object)
                Fail("\"prompts\" must be an object of names and texts");
            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var prompt in prompts.EnumerateObject())
            {
                if (!Name().IsMatch(prompt.Name))
                    Fail($"'{prompt.Name}' is not a prompt name (lower-case letters, digits and _; it becomes a file name)");
                if (prompt.Value.ValueKind != JsonValueKind.String)
                    Fail($"the text of '{prompt.Name}' must be a string");
                if (!entries.TryAdd(prompt.Name, prompt.Value.GetString()!))
                    Fail($"'{prompt.Name}' is given twice");
            }
            return (language, (inherits, entries));
        }
    }

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex Name();
}
