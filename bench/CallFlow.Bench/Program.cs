// CallFlow compiler benchmark. Usage:
//   dotnet run -c Release --project bench/CallFlow.Bench -- [--quick] [--markdown out.md] [--sizes 1k,10k,100k]
//                                                          [--no-cold] [--emit dir] [--gc]
//     --quick     fewer iterations (noisier)            --no-cold  skip the cold (fresh process) measurements
//     --emit dir  also write the generated inputs       --gc       also time the largest full check under other GC settings
//   dotnet CallFlow.Bench.dll --cold <1k|10k|100k> <parse|check|lex|sll|ll>   (one cold measurement; used internally)
//   dotnet CallFlow.Bench.dll --warm <size> <mode> <warmup> <iterations>      (one warm measurement; used by --gc)
// Exit code 0 on success, 1 when a generated input is not clean or a measurement fails, 2 on bad arguments.
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using CallFlow.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

try
{
    if (args.Length == 3 && args[0] == "--cold")
        return Harness.RunColdChild(args[1], args[2]);
    if (args.Length == 5 && args[0] == "--warm")
        return Harness.RunWarmChild(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture));

    var options = Options.Parse(args);
    if (options is null)
    {
        Console.Error.WriteLine("usage: CallFlow.Bench [--quick] [--markdown out.md] [--sizes 1k,10k,100k] [--no-cold] [--emit dir] [--gc]");
        return 2;
    }
    return Runner.Run(options);
}
catch (Exception e)
{
    Console.Error.WriteLine("BENCHMARK FAILED: " + e.Message);
    Console.Error.WriteLine(e.StackTrace);
    return 1;
}

internal sealed record Options(bool Quick, string? Markdown, string[] Sizes, bool Cold, string? Emit, bool GcSettings)
{
    public static Options? Parse(string[] args)
    {
        var quick = false;
        var cold = true;
        var gc = false;
        string? markdown = null;
        string? emit = null;
        string[] sizes = [.. Harness.Sizes.Select(s => s.Name)];
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--no-cold":
                    cold = false;
                    break;
                case "--gc":
                    gc = true;
                    break;
                case "--markdown" when i + 1 < args.Length:
                    markdown = args[++i];
                    break;
                case "--emit" when i + 1 < args.Length:
                    emit = args[++i];
                    break;
                case "--sizes" when i + 1 < args.Length:
                    sizes = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (sizes.Any(s => Harness.Sizes.All(known => known.Name != s)))
                        return null;
                    break;
                default:
                    return null;
            }
        }
        return new Options(quick, markdown, sizes, cold, emit, gc);
    }
}

internal static class Runner
{
    /// <summary>Warm-up and measured iterations per size; --quick uses the second pair.</summary>
    private static (int Warmup, int Iterations) Iterations(string size, bool quick) => (size, quick) switch
    {
        ("1k", false) => (20, 31),
        ("1k", true) => (5, 11),
        ("10k", false) => (4, 11),
        ("10k", true) => (2, 5),
        (_, false) => (2, 5),
        (_, true) => (1, 3),
    };

    public const double TargetLinesPerSecond = 200_000;

    public static int Run(Options options)
    {
        var started = DateTime.UtcNow;
        var report = new StringBuilder();
        var machine = Machine.Describe();
        var loadAtStart = Machine.LoadAverage();
        Console.WriteLine(machine);
        Console.WriteLine();

        var inputs = options.Sizes.Select(Harness.MakeInput).ToList();
        foreach (var input in inputs)
        {
            Harness.AssertClean(input);
            Console.WriteLine($"input {input.Size,-5} {input.Lines,7} lines {input.Bytes / 1024.0,8:F0} KiB  0 diagnostics");
            if (options.Emit is { } dir)
            {
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, $"bench-{input.Size}.vflow"), input.Text);
            }
        }
        Console.WriteLine();
        WarmUpJit(VflowGenerator.Generate(1_000), options.Quick);

        // Main table: parse-only and full check, cold and warm.
        var main = new List<string[]>();
        var strategy = new List<string[]>();
        var profile = new List<(Input Input, double[] Stages, long[] Bytes, double Total, int[] Collections, double PauseMs)>();
        double? checkWarm100k = null;
        foreach (var input in inputs)
        {
            var (warmup, iterations) = Iterations(input.Size, options.Quick);
            foreach (var mode in Workloads.Main)
            {
                var cold = options.Cold ? Harness.Cold(input.Size, mode) : null;
                var warm = Harness.Warm(Workloads.Get(mode), input.Text, warmup, iterations);
                if (mode == Workloads.Check && input.Size == "100k")
                    checkWarm100k = warm.LinesPerSecond(input);
                main.Add(
                [
                    input.Size, input.Lines.ToString("N0"), mode == Workloads.Parse ? "parse-only" : "full check",
                    cold is null ? "-" : $"{cold.Ms:F1}", cold is null ? "-" : Rate(cold.LinesPerSecond(input)), cold is null ? "-" : $"{cold.MegabytesPerSecond(input):F2}",
                    $"{warm.Ms:F2}", Rate(warm.LinesPerSecond(input)), $"{warm.MegabytesPerSecond(input):F2}", $"{warm.BytesPerLine(input):F0}",
                ]);
                Console.WriteLine(TableRow(main[^1]));
            }
            foreach (var mode in Workloads.Strategy)
            {
                var cold = options.Cold && mode != Workloads.Lex ? Harness.Cold(input.Size, mode) : null;
                var warm = Harness.Warm(Workloads.Get(mode), input.Text, warmup, iterations);
                strategy.Add(
                [
                    input.Size, StrategyName(mode),
                    cold is null ? "-" : $"{cold.Ms:F1}", cold is null ? "-" : Rate(cold.LinesPerSecond(input)),
                    $"{warm.Ms:F2}", Rate(warm.LinesPerSecond(input)), $"{warm.MegabytesPerSecond(input):F2}", $"{warm.BytesPerLine(input):F0}",
                ]);
                Console.WriteLine(TableRow(strategy[^1]));
            }
            // Already warm from the runs above: one more warm-up call, then a few measured ones.
            var (stages, bytes, total, collections, pause) = StageProfile.Measure(input.Text, 1, Math.Max(3, iterations / 2));
            profile.Add((input, stages, bytes, total, collections, pause));
        }

        Console.WriteLine();
        report.AppendLine("### Machine").AppendLine().AppendLine("```").AppendLine(machine).AppendLine("```").AppendLine();
        report.AppendLine(options.Quick ? "Mode: `--quick` (fewer iterations; noisier)." : "Mode: full.").AppendLine();
        report.AppendLine("### Parse-only and full check").AppendLine();
        report.AppendLine(Markdown(
            ["size", "lines", "stage", "cold ms", "cold lines/s", "cold MB/s", "warm ms (median)", "warm lines/s", "warm MB/s", "alloc bytes/line (warm)"],
            main));
        report.AppendLine("### Prediction strategy: lexer + generated parser only (no CallFlow syntax tree)").AppendLine();
        report.AppendLine(Markdown(["size", "run", "cold ms", "cold lines/s", "warm ms (median)", "warm lines/s", "warm MB/s", "alloc bytes/line (warm)"], strategy));
        report.AppendLine("### Where Compilation.Create spends its time (warm medians: ms, share of Create, allocated bytes per line)").AppendLine();
        var headers = new List<string> { "stage" };
        headers.AddRange(profile.Select(p => p.Input.Size));
        var rows = new List<string[]>();
        for (var s = 0; s < StageProfile.Stages.Length; s++)
            rows.Add([StageProfile.Stages[s], .. profile.Select(p => $"{p.Stages[s]:F2} ({100 * p.Stages[s] / p.Total:F0}%) {(double)p.Bytes[s] / p.Input.Lines:F0} B")]);
        rows.Add(["rest (Create − stages)", .. profile.Select(p => $"{p.Total - p.Stages.Sum():F2}")]);
        rows.Add(["Compilation.Create", .. profile.Select(p => $"{p.Total:F2}")]);
        rows.Add(["GCs during Create (gen0/gen1/gen2)", .. profile.Select(p => string.Join("/", p.Collections))]);
        rows.Add(["GC pause during Create", .. profile.Select(p => $"{p.PauseMs:F2} ({100 * p.PauseMs / p.Total:F0}%)")]);
        report.AppendLine(Markdown([.. headers], rows));
        if (options.GcSettings)
        {
            var largest = inputs[^1];
            var (warmup, iterations) = Iterations(largest.Size, options.Quick);
            var settings = new (string Name, Dictionary<string, string> Environment)[]
            {
                ("default (workstation, concurrent)", new()),
                ("DOTNET_gcConcurrent=0", new() { ["DOTNET_gcConcurrent"] = "0" }),
                ("DOTNET_gcServer=1", new() { ["DOTNET_gcServer"] = "1" }),
                ("DOTNET_GCgen0size=0x10000000 (256 MB)", new() { ["DOTNET_GCgen0size"] = "0x10000000" }),
            };
            var gcRows = new List<string[]>();
            foreach (var (name, environment) in settings)
            {
                var (sample, pause, collections) = Harness.WarmInChild(largest.Size, Workloads.Check, warmup, iterations, environment);
                gcRows.Add([name, $"{sample.Ms:F1}", Rate(sample.LinesPerSecond(largest)), $"{pause:F1} ({100 * pause / sample.Ms:F0}%)", collections]);
                Console.WriteLine(TableRow(gcRows[^1]));
            }
            report.AppendLine($"### Full check of the {largest.Size} input under other GC settings (warm, fresh process each)").AppendLine();
            report.AppendLine(Markdown(["GC setting", "warm ms (median)", "lines/s", "GC pause ms", "GCs gen0/gen1/gen2"], gcRows));
        }
        if (checkWarm100k is { } rate)
        {
            var verdict = rate >= TargetLinesPerSecond ? "meets" : "MISSES";
            report.AppendLine($"Target: full check on the 100k-line input, warm, >= {Rate(TargetLinesPerSecond)} lines/s: measured {Rate(rate)} lines/s, {verdict} the target.")
                .AppendLine();
        }
        report.AppendLine($"Total benchmark time: {(DateTime.UtcNow - started).TotalSeconds:F0} s. Load average at start: {loadAtStart}; at end: {Machine.LoadAverage()}.");

        Console.WriteLine(report);
        if (options.Markdown is { } path)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
                Directory.CreateDirectory(directory);
            File.WriteAllText(path, report.ToString());
            Console.WriteLine($"wrote {path}");
        }
        return 0;
    }

    /// <summary>
    /// Tiered compilation promotes hot methods to optimised code only after about 30 calls plus a background delay
    /// (with dynamic PGO, through an instrumented tier first), so a few warm-up calls leave the measured ones running
    /// partly unoptimised code. Every mode runs on a 1k-line input for a fixed time first, then the runtime gets a
    /// moment to finish the background compilations; the per-size warm-up calls follow.
    /// </summary>
    public static void WarmUpJit(string text, bool quick)
    {
        var budget = TimeSpan.FromMilliseconds(quick ? 300 : 600);
        foreach (var mode in Workloads.Main.Concat(Workloads.Strategy))
        {
            var operation = Workloads.Get(mode);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < 40 || watch.Elapsed < budget; i++)
                operation(text);
        }
        for (var i = 0; i < 40; i++)
            StageProfile.RunOnce(text);
        Thread.Sleep(500);
    }

    private static string StrategyName(string mode) => mode switch
    {
        Workloads.Lex => "lexer only",
        Workloads.Sll => "lex + SLL parse (as SyntaxTree.Parse, bail on error)",
        _ => "lex + LL-only parse",
    };

    private static string Rate(double linesPerSecond) =>
        linesPerSecond >= 1_000_000 ? $"{linesPerSecond / 1_000_000:F2}M" : $"{linesPerSecond / 1000:F0}k";

    private static string TableRow(string[] cells) => string.Join("  ", cells.Select(c => c.PadLeft(10)));

    private static string Markdown(string[] headers, List<string[]> rows)
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        text.Append('|').AppendJoin('|', headers.Select((_, i) => i == 0 ? "---" : "---:")).AppendLine("|");
        foreach (var row in rows)
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        return text.ToString();
    }
}

internal static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages (Linux): other work on the machine skews every figure.</summary>
    public static string LoadAverage()
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

    public static string Describe()
    {
        var cpu = "unknown";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return string.Join(Environment.NewLine,
            $"CPU:      {cpu}",
            $"cores:    {Environment.ProcessorCount} (nproc)",
            $"OS:       {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}",
            $".NET:     {RuntimeInformation.FrameworkDescription}",
            $"GC:       {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}",
            $"ANTLR:    Antlr4.Runtime.Standard {typeof(Antlr4.Runtime.Parser).Assembly.GetName().Version}");
    }
}
