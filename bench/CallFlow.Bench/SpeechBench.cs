using System.Diagnostics;
using System.Globalization;
using System.Text;
using CallFlow.Audio;
using CallFlow.Speech.Prompts;
using CallFlow.Speech.Tts;
using CallFlow.Vmp;

namespace CallFlow.Bench;

/// <summary>
/// Speak Text with espeak-ng (docs/speech.md): latency cold (a new espeak-ng process per request, cache off) and
/// cached, where the cold time goes (the process against resampling and encoding), throughput through the TTS
/// ports, a composed prompt from pieces, and the resampler. Run with <c>--speech [--quick] [--markdown out.md]</c>.
/// </summary>
internal static class SpeechBench
{
    private static readonly (string Name, string Text)[] Texts =
    [
        ("short (39 chars)", "Please hold while we connect your call."),
        ("sentence (133 chars)", "Thank you for calling Acme Trading. Your account balance is 1,234 pounds and 56 pence, and your next payment is due on Monday."),
        ("paragraph (578 chars)", string.Join(' ', Enumerable.Repeat(
            "Our offices are open from nine in the morning until half past five, Monday to Friday, and from ten until four on Saturdays.", 4)) +
            " Please call again then, or leave a message after the tone."),
    ];

    /// <summary>Entry point of <c>--speech</c>: prints the section and writes it to <c>--markdown</c> when given.</summary>
    public static int RunStandalone(string[] args)
    {
        var quick = args.Contains("--quick");
        var markdown = Array.IndexOf(args, "--markdown") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        var section = Run(quick);
        Console.WriteLine(section);
        if (markdown is not null)
        {
            File.WriteAllText(markdown, section);
            Console.WriteLine($"wrote {markdown}");
        }
        return 0;
    }

    /// <summary>Runs the speech benchmarks and returns the markdown section.</summary>
    public static string Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    private static async Task<string> RunAsync(bool quick)
    {
        var started = Stopwatch.StartNew();
        var report = new StringBuilder().AppendLine("### Speak Text and prompts (espeak-ng)").AppendLine();
        var probe = new EspeakProcessEngine(new EspeakOptions());
        var version = await probe.GetVersionAsync(CancellationToken.None);
        var runs = quick ? 10 : 30;
        report.AppendLine($"Engine: {version}; {Environment.ProcessorCount} cores; load average at start {LoadAverage()}. " +
            $"Cold = `EspeakTextToSpeech.SpeakAsync` with the cache off, so every request starts espeak-ng, feeds it the SSML on stdin, " +
            $"reads the 22,050 Hz WAV, resamples it to 8 kHz and encodes µ-law; one request at a time, {runs} runs each after one warm-up. " +
            "Cached = the same call when the audio is in the cache.").AppendLine();

        // 1. Cold and cached latency per text length.
        var rows = new List<string[]>();
        foreach (var (name, text) in Texts)
        {
            var cold = new EspeakTextToSpeech(new EspeakOptions { CacheBytes = 0, MaxConcurrent = 1 });
            var audio = await cold.SpeakAsync(text, "en");
            if (!audio.Succeeded)
                throw new InvalidOperationException($"espeak-ng failed: {audio.Message}");
            var coldMs = new List<double>();
            for (var i = 0; i < runs; i++)
                coldMs.Add(await TimeAsync(() => cold.SpeakAsync(text, "en").AsTask()));

            // Where it goes: the process alone, then the conversion alone on its output.
            var engine = new EspeakProcessEngine(new EspeakOptions());
            var ssml = SapiMarkup.ToSsml(text);
            var wav = await engine.SynthesizeAsync("en-gb", ssml, CancellationToken.None);
            var processMs = new List<double>();
            for (var i = 0; i < runs; i++)
                processMs.Add(await TimeAsync(() => engine.SynthesizeAsync("en-gb", ssml, CancellationToken.None)));
            var convertMs = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                EspeakTextToSpeech.ToTelephony(wav);
                convertMs.Add(watch.Elapsed.TotalMilliseconds);
            }

            var cached = new EspeakTextToSpeech();
            await cached.SpeakAsync(text, "en");
            var hits = quick ? 20_000 : 100_000;
            for (var i = 0; i < 1000; i++)
                await cached.SpeakAsync(text, "en");
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var hitWatch = Stopwatch.StartNew();
            for (var i = 0; i < hits; i++)
                if (!(await cached.SpeakAsync(text, "en")).FromCache)
                    throw new InvalidOperationException("a cached request started a process");
            var hitUs = hitWatch.Elapsed.TotalMicroseconds / hits;
            var hitBytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)hits;

            rows.Add(
            [
                name, $"{audio.Duration.TotalSeconds:F2}", $"{Median(coldMs):F1}", $"{Percentile(coldMs, 0.9):F1}", $"{coldMs.Max():F1}",
                $"{Median(processMs):F1}", $"{Median(convertMs):F2}", $"{audio.Duration.TotalMilliseconds / Median(coldMs):F0}x",
                $"{hitUs:F2}", $"{hitBytes:F0}",
            ]);
            Console.WriteLine("speech   " + string.Join("  ", rows[^1]));
        }
        report.AppendLine(Runner.Markdown(
            ["text", "audio s", "cold ms (median)", "cold p90", "cold max", "of which espeak-ng process ms", "of which resample + µ-law ms",
             "real time / cold", "cached µs", "cached bytes/request"],
            rows));

        // 2. Throughput through the ports: 32 different short texts at once.
        var portRows = new List<string[]>();
        var requests = quick ? 16 : 32;
        foreach (var ports in new[] { 1, 2, 4, 8 })
        {
            var tts = new EspeakTextToSpeech(new EspeakOptions { CacheBytes = 0, MaxConcurrent = ports, QueueTimeout = TimeSpan.FromMinutes(1) });
            await tts.SpeakAsync("warm up", "en");
            var latencies = new double[requests];
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, requests).Select(async i =>
            {
                var watch = Stopwatch.StartNew();
                var result = await tts.SpeakAsync($"Caller number {i}, please hold.", "en");
                if (!result.Succeeded)
                    throw new InvalidOperationException(result.Message);
                latencies[i] = watch.Elapsed.TotalMilliseconds;
            }));
            var seconds = wall.Elapsed.TotalSeconds;
            portRows.Add([ports.ToString(CultureInfo.InvariantCulture), $"{requests}", $"{seconds * 1000:F0}", $"{requests / seconds:F0}",
                $"{Median([.. latencies]):F0}", $"{latencies.Max():F0}"]);
            Console.WriteLine("ports    " + string.Join("  ", portRows[^1]));
        }
        report.AppendLine($"{requests} different short texts (\"Caller number N, please hold.\", about 1.4 s of audio each) requested at once, cache off; " +
            "latency includes the wait for a port:").AppendLine();
        report.AppendLine(Runner.Markdown(["ports (MaxConcurrent)", "requests", "wall ms", "requests/s", "latency median ms", "latency max ms"], portRows));

        // 3. A composed prompt: pieces rendered on first use, then from memory.
        var library = new PromptLibrary(new PromptLibraryOptions(), new EspeakTextToSpeech());
        var chain = PromptLanguages.FallbackChain("en");
        var first = await TimeAsync(() => library.ResolveAsync(VmpPromptKind.System, "say_number:1234", chain).AsTask());
        var composedRuns = quick ? 2_000 : 10_000;
        var composedWatch = Stopwatch.StartNew();
        for (var i = 0; i < composedRuns; i++)
            await library.ResolveAsync(VmpPromptKind.System, "say_number:1234", chain);
        var warmUs = composedWatch.Elapsed.TotalMicroseconds / composedRuns;
        var spoken = await library.ResolveAsync(VmpPromptKind.System, "say_number:1234", chain);
        report.AppendLine($"Composed prompt `say_number:1234` in English ({spoken.Source}, {spoken.Duration.TotalSeconds:F2} s of audio) with no rendered files: " +
            $"first time {first:F0} ms (each piece rendered by espeak-ng on demand), then {warmUs:F1} µs (pieces from memory, joined).").AppendLine();

        // 4. The resampler alone.
        var second = new short[22050 * 10];
        Tone.Sine(second.AsSpan(0, 8000), 1000, 0.5);
        var resampler = Resampler.For(22050, 8000);
        resampler.Resample(second);
        var resampleWatch = Stopwatch.StartNew();
        var resampleRuns = quick ? 5 : 20;
        for (var i = 0; i < resampleRuns; i++)
            resampler.Resample(second);
        var perSecond = resampleWatch.Elapsed.TotalMilliseconds / resampleRuns / 10;
        report.AppendLine($"Resampler 22,050 → 8,000 Hz (148 taps per output sample, polyphase table): {perSecond:F2} ms per second of audio, " +
            $"{1000 / perSecond:F0}× real time on one core.").AppendLine();
        report.AppendLine($"Speech benchmark time: {started.Elapsed.TotalSeconds:F0} s; load average at end: {LoadAverage()}.").AppendLine();
        return report.ToString();
    }

    private static async Task<double> TimeAsync(Func<Task> operation)
    {
        var watch = Stopwatch.StartNew();
        await operation();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(share * sorted.Count))];
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
