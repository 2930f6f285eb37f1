// Renders the prompt catalogue (stdlib/prompts/*.json) to 8 kHz µ-law WAV files with espeak-ng. Usage:
//   callflow-render-prompts [--out artifacts/prompts] [--catalogue stdlib/prompts] [--language fr]... [--force]
//                           [--espeak /usr/bin/espeak-ng] [--jobs 8]
// Exit code 0 when every prompt is there, 1 when some could not be rendered, 2 on a bad command line,
// 3 when espeak-ng cannot be run.
using System.Globalization;
using CallFlow.Speech.Prompts;
using CallFlow.Speech.Tts;

var output = "artifacts/prompts";
string? catalogueFolder = null;
var languages = new List<string>();
var force = false;
var espeak = "espeak-ng";
var jobs = Environment.ProcessorCount;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    try
    {
        switch (args[i])
        {
            case "--out": output = Next(); break;
            case "--catalogue": catalogueFolder = Next(); break;
            case "--language": languages.AddRange(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
            case "--force": force = true; break;
            case "--espeak": espeak = Next(); break;
            case "--jobs": jobs = int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture); break;
            default: throw new ArgumentException($"unknown option '{args[i]}'");
        }
    }
    catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
    {
        Console.Error.WriteLine($"render-prompts: error: {e.Message}");
        Console.Error.WriteLine("usage: callflow-render-prompts [--out dir] [--catalogue dir] [--language code]... [--force] [--espeak path] [--jobs n]");
        return 2;
    }
}

PromptCatalogue catalogue;
try
{
    catalogue = catalogueFolder is null ? PromptCatalogue.BuiltIn : PromptCatalogue.Load(catalogueFolder);
}
catch (Exception e) when (e is InvalidDataException or IOException)
{
    Console.Error.WriteLine($"render-prompts: error: {e.Message}");
    return 2;
}
var unknown = languages.Where(l => !catalogue.Languages.Contains(l)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"render-prompts: error: no catalogue for {string.Join(", ", unknown)}; catalogues: {string.Join(", ", catalogue.Languages)}");
    return 2;
}

var options = new EspeakOptions { ExecutablePath = espeak, MaxConcurrent = Math.Max(1, jobs), CacheBytes = 0, QueueTimeout = TimeSpan.FromMinutes(10) };
var engine = new EspeakProcessEngine(options);
string version;
try
{
    version = await engine.GetVersionAsync(CancellationToken.None);
}
catch (SpeechEngineException e)
{
    Console.Error.WriteLine($"render-prompts: error: {e.Message}");
    return 3;
}
// Everything that changes the audio: the engine, its speed and loudness, and which voice speaks each language.
var fingerprint = string.Join(' ', version, $"wpm={options.WordsPerMinute}", $"amplitude={options.Amplitude}",
    string.Join(',', EspeakVoices.ByLanguage.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}")));
Console.WriteLine($"render-prompts: {version}; output {Path.GetFullPath(output)}");

var renderer = new PromptRenderer(new EspeakTextToSpeech(options, engine), catalogue, fingerprint);
var watch = System.Diagnostics.Stopwatch.StartNew();
var summary = await renderer.RenderAsync(output, languages, force, Math.Max(1, jobs), Console.Out, CancellationToken.None);
Console.WriteLine($"render-prompts: {summary.Rendered} rendered, {summary.UpToDate} up to date, {summary.Removed} removed, " +
    $"{summary.Failures.Length} failed, {engine.ProcessesStarted} espeak-ng processes, {watch.Elapsed.TotalSeconds:F1} s");
foreach (var failure in summary.Failures)
    Console.Error.WriteLine($"render-prompts: failed: {failure}");
return summary.Failures.IsEmpty ? 0 : 1;
