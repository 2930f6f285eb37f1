// CallFlow compiler benchmark. Usage:
//   dotnet run -c Release --project bench/CallFlow.Bench -- [--quick] [--markdown out.md] [--sizes 1k,10k,100k]
//                                                          [--no-cold] [--emit dir] [--gc] [--vm] [--mailbox] [--no-vm] [--no-mailbox]
//     --quick     fewer iterations (noisier)            --no-cold  skip the cold (fresh process) measurements
//     --emit dir  also write the generated inputs       --gc       also time the largest full check under other GC settings
//     --vm        only the VM benchmarks                --no-vm    skip the VM benchmarks
//     --mailbox   only the mailbox store benchmarks     --no-mailbox  skip them (the default runs all three;
//                 (--vm --mailbox: both)                              --vm and --mailbox select parts)
//   dotnet run -c Release --project bench/CallFlow.Bench -- --speech [--quick] [--markdown out.md]   (Speak Text only; SpeechBench.cs)
//   dotnet run -c Release --project bench/CallFlow.Bench -- --mail [--quick] [--markdown out.md]     (voicemail e-mail only; MailBench.cs)
//   dotnet run -c Release --project bench/CallFlow.Bench -- --sip-load [--steps 40,250,500,1000] [--hold 40] [--markdown out.md] ...
//                                                          (SIPp calls vmc serve on loopback; SipLoad.cs, bench/sipp/)
//   dotnet CallFlow.Bench.dll --cold <1k|10k|100k> <parse|check|compile|lex|sll|ll>   (one cold measurement; used internally)
//   dotnet CallFlow.Bench.dll --cold-vmp <file.vmp> <load|disasm>                (one cold root.vmp load or disassembly)
//   dotnet CallFlow.Bench.dll --warm <size> <mode> <warmup> <iterations>      (one warm measurement; used by --gc)
//   dotnet CallFlow.Bench.dll --vm-load <calls> <workers>                     (one concurrent-calls run of the VM benchmarks)
// Exit code 0 on success, 1 when a generated input is not clean, a measurement fails, the loader fuzz run sees an
// exception other than VmpLoadException, a VM benchmark's flow does not behave as expected or a committed mailbox
// message is missing or not exactly what was written, 2 on bad arguments.
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using CallFlow.Bench;
using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Vmp;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

try
{
    if (args.Length >= 1 && args[0] == "--speech")
        return SpeechBench.RunStandalone(args[1..]);
    if (args.Length >= 1 && args[0] == "--mail")
        return MailBench.RunStandalone(args[1..]);
    if (args.Length >= 1 && args[0] == "--sip-load")
        return SipLoad.RunStandalone(args[1..]);
    if (args.Length == 3 && args[0] == "--cold")
        return Harness.RunColdChild(args[1], args[2]);
    if (args.Length == 3 && args[0] == "--cold-vmp")
        return VmpBench.RunColdChild(args[1], args[2]);
    if (args.Length == 3 && args[0] == "--vm-load")
        return VmBench.RunLoadChild(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
    if (args.Length == 5 && args[0] == "--warm")
        return Harness.RunWarmChild(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture));

    var options = Options.Parse(args);
    if (options is null)
    {
        Console.Error.WriteLine("usage: CallFlow.Bench [--quick] [--markdown out.md] [--sizes 1k,10k,100k] [--no-cold] [--emit dir] [--gc] [--vm] [--mailbox] [--no-vm] [--no-mailbox]");
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

/// <param name="Compiler">Run the compiler benchmarks (unless --vm or --mailbox selects parts).</param>
/// <param name="Vm">Run the VM benchmarks (by default, or with --vm; not with --no-vm).</param>
/// <param name="Mailbox">Run the mailbox store benchmarks (by default, or with --mailbox; not with --no-mailbox).</param>
internal sealed record Options(bool Quick, string? Markdown, string[] Sizes, bool Cold, string? Emit, bool GcSettings, bool Compiler = true, bool Vm = true,
    bool Mailbox = true)
{
    public static Options? Parse(string[] args)
    {
        var onlyVm = false;
        var onlyMailbox = false;
        var noVm = false;
        var noMailbox = false;
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
                case "--vm":
                    onlyVm = true;
                    break;
                case "--no-vm":
                    noVm = true;
                    break;
                case "--mailbox":
                    onlyMailbox = true;
                    break;
                case "--no-mailbox":
                    noMailbox = true;
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
        if ((onlyVm && noVm) || (onlyMailbox && noMailbox))
            return null;
        var selected = onlyVm || onlyMailbox;
        return new Options(quick, markdown, sizes, cold, emit, gc, Compiler: !selected, Vm: selected ? onlyVm : !noVm, Mailbox: selected ? onlyMailbox : !noMailbox);
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

    /// <summary>One audio frame: what a call can wait for at most without an audible gap.</summary>
    public const double AudioFrameMs = 20;

    /// <summary>Hostile files for the loader fuzz run (bit-flipped copies + random files); --quick runs the second figure.</summary>
    private static (int BitFlips, int Random) FuzzCases(bool quick) => quick ? (2_000, 18_000) : (10_000, 90_000);

    public static int Run(Options options)
    {
        var started = DateTime.UtcNow;
        var report = new StringBuilder();
        var machine = Machine.Describe();
        var loadAtStart = Machine.LoadAverage();
        Console.WriteLine(machine);
        Console.WriteLine();
        if (!options.Compiler)
        {
            report.AppendLine("### Machine").AppendLine().AppendLine("```").AppendLine(machine).AppendLine("```").AppendLine();
            var mode = string.Join(' ', new[] { options.Quick ? "--quick" : null, options.Vm ? "--vm" : null, options.Mailbox ? "--mailbox" : null }.OfType<string>());
            report.AppendLine($"Mode: `{mode}`{(options.Quick ? " (fewer iterations, calls and messages; noisier)" : "")}.").AppendLine();
            if (options.Vm)
                report.Append(VmBench.Run(options.Quick));
            if (options.Mailbox)
                report.Append(MailboxBench.Run(options.Quick));
            return Finish(options, report, started, loadAtStart);
        }

        var inputs = options.Sizes.Select(size => Harness.MakeInput(size)).ToList();
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
        var compileRows = new List<string[]>();
        var emitRows = new List<string[]>();
        var sizeRows = new List<string[]>();
        var sections = new List<(VmpFile File, List<(string Name, int Bytes)> Sections)>();
        foreach (var input in inputs)
        {
            var (warmup, iterations) = Iterations(input.Size, options.Quick);
            (Sample? Cold, Sample Warm) check = default;
            foreach (var mode in Workloads.Main)
            {
                var cold = options.Cold ? Harness.Cold(input.Size, mode) : null;
                var warm = Harness.Warm(Workloads.Get(mode), input.Text, warmup, iterations);
                if (mode == Workloads.Check)
                    check = (cold, warm);
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
            // root.vmp: compile (check + emit) right after the check, its two emit steps alone, the file's size and load time.
            {
                var cold = options.Cold ? Harness.Cold(input.Size, Workloads.Compile) : null;
                var (warm, createMs, emitMs, emitPauseMs) = VmpBench.WarmCompile(input.Text, warmup, iterations);
                var file = VmpFile.Compile(input);
                // Loading is cheap (milliseconds even at 100k lines): always the 1k iteration counts, for steadier medians.
                var (loadWarmupCalls, loadCalls) = Iterations("1k", options.Quick);
                var load = Harness.Warm(static b => VmpReader.Read(b).Code.Length, file.Bytes, loadWarmupCalls, loadCalls);
                var compilation = Compilation.Create([new SourceText("bench.vflow", input.Text)]);
                var emitProgram = Harness.Warm(static c => c.EmitProgram()!.Code.Length, compilation, warmup, iterations);
                var write = Harness.Warm(static p => VmpWriter.Write(p).Length, compilation.EmitProgram()!, warmup, iterations);
                if (check.Warm is null)
                    throw new InvalidOperationException("the full check was not measured before compile");
                var emit = warm.Ms - check.Warm.Ms;
                compileRows.Add(
                [
                    input.Size, input.Lines.ToString("N0"), $"{check.Warm.Ms:F2}", $"{warm.Ms:F2}", $"{emit:F2} ({100 * emit / warm.Ms:F0}%)",
                    Rate(warm.LinesPerSecond(input)), $"{warm.MegabytesPerSecond(input):F2}", $"{warm.BytesPerLine(input):F0}",
                    check.Cold is null ? "-" : $"{check.Cold.Ms:F1}", cold is null ? "-" : $"{cold.Ms:F1}", cold is null ? "-" : Rate(cold.LinesPerSecond(input)),
                ]);
                Console.WriteLine(TableRow(compileRows[^1]));
                emitRows.Add(
                [
                    input.Size, $"{createMs:F2}", $"{emitMs:F2} ({100 * emitMs / (createMs + emitMs):F0}%)", $"{emitPauseMs:F2}",
                    $"{emitProgram.Ms:F2}", $"{write.Ms:F2}", $"{(double)(emitProgram.AllocatedBytes + write.AllocatedBytes) / input.Lines:F0}",
                ]);
                Console.WriteLine(TableRow(emitRows[^1]));
                sizeRows.Add(SizeRow(file, load));
                Console.WriteLine(TableRow(sizeRows[^1]));
                sections.Add((file, file.Sections().ToList()));
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

        // root.vmp: the file for about 10,000 actions: load, disassembly, and the loader fuzz run.
        var tenK = VmpBench.MakeTenThousandActions();
        var (loadWarmup, loadIterations) = Iterations("1k", options.Quick);
        var loadWarm = Harness.Warm(static b => VmpReader.Read(b).Code.Length, tenK.Bytes, loadWarmup, loadIterations);
        sizeRows.Add(SizeRow(tenK, loadWarm));
        Console.WriteLine(TableRow(sizeRows[^1]));
        sections.Add((tenK, tenK.Sections().ToList()));
        var (loadCold, loadSecond) = options.Cold ? VmpBench.Cold(tenK.Bytes, "load") : default;
        if (loadCold is not null && loadCold.Result != tenK.Instructions)
            throw new InvalidOperationException($"the cold load read {loadCold.Result} instructions; the file has {tenK.Instructions}");
        var hash = new byte[32];
        var sha = Harness.Warm(b => SHA256.HashData(b.AsSpan(VmpFormat.HeaderSize), hash), tenK.Bytes, loadWarmup, loadIterations);
        var loaded = VmpReader.Read(tenK.Bytes);
        var disassembleWarm = Harness.Warm(static p => Disassembler.Disassemble(p).Length, loaded, loadWarmup, loadIterations);
        var (disassembleCold, disassembleSecond) = options.Cold ? VmpBench.Cold(tenK.Bytes, "disasm") : default;
        var listing = Disassembler.Disassemble(loaded);
        if (disassembleCold is not null && disassembleCold.Result != listing.Length)
            throw new InvalidOperationException($"the listing in a fresh process has {disassembleCold.Result} characters, here {listing.Length}: Disassemble is not deterministic");
        var listingLines = listing.Count(c => c == '\n');
        List<string[]> loadRows =
        [
            ["VmpReader.Read (load and validate)", $"{loadWarm.Ms:F2}", loadCold is null ? "-" : $"{loadCold.Ms:F1}", loadCold is null ? "-" : $"{loadSecond:F1}",
                $"{loadWarm.AllocatedBytes:N0}", loadCold is null ? "-" : $"{loadCold.AllocatedBytes:N0}"],
            ["of which SHA-256 of the content (alone)", $"{sha.Ms:F2}", "-", "-", $"{sha.AllocatedBytes:N0}", "-"],
            [$"Disassembler.Disassemble ({listingLines:N0} lines, {listing.Length / 1024.0:F0} KiB of text)", $"{disassembleWarm.Ms:F2}",
                disassembleCold is null ? "-" : $"{disassembleCold.Ms:F1}", disassembleCold is null ? "-" : $"{disassembleSecond:F1}",
                $"{disassembleWarm.AllocatedBytes:N0}", disassembleCold is null ? "-" : $"{disassembleCold.AllocatedBytes:N0}"],
        ];
        foreach (var row in loadRows)
            Console.WriteLine(TableRow(row));

        var (bitFlipCases, randomCases) = FuzzCases(options.Quick);
        var fuzz = new[] { VmpBench.FlipBits(tenK.Bytes, bitFlipCases, VmpBench.FuzzSeed), VmpBench.RandomFiles(randomCases, VmpBench.FuzzSeed + 1) };
        var fuzzRows = fuzz.Select(FuzzRow).ToList();
        fuzzRows.Add(FuzzRow(new[] { "all" }, fuzz));
        foreach (var row in fuzzRows)
            Console.WriteLine(TableRow(row));

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
        report.AppendLine("### root.vmp: compile, size, load").AppendLine();
        report.AppendLine("Compile = `Compilation.Create` + `Emit()` (the root.vmp bytes), beside the full check of the first table; " +
            "compile − check = the cost of emitting (lowering already runs inside `Compilation.Create`).").AppendLine();
        report.AppendLine(Markdown(
            ["size", "lines", "full check warm ms", "compile warm ms (median)", "compile − check ms", "compile warm lines/s", "compile warm MB/s",
             "alloc bytes/line (compile)", "full check cold ms", "compile cold ms", "compile cold lines/s"],
            compileRows));
        report.AppendLine("The two parts timed inside each compile call (medians), and the two emit steps timed alone on one compilation:").AppendLine();
        report.AppendLine(Markdown(
            ["size", "Create ms", "Emit() ms (share)", "GC pause in Emit() ms", "EmitProgram() alone ms", "VmpWriter.Write alone ms", "emit alloc bytes/line"],
            emitRows));
        report.AppendLine("root.vmp size: actions = the bound program's (`Program.Flows.Sum(f => f.Actions.Length)`), instructions = `EmitProgram().Code.Length`; load = `VmpReader.Read`, warm median.").AppendLine();
        report.AppendLine(Markdown(
            ["input", "lines", "actions", "instructions", "root.vmp bytes", "bytes/action", "bytes/instruction", "bytes/source line", "load warm ms", "load alloc bytes"],
            sizeRows));
        report.AppendLine($"Sections (bytes, share of the file):").AppendLine();
        var sectionHeaders = new List<string> { "section" };
        sectionHeaders.AddRange(sections.Select(s => s.File.Input.Size));
        var sectionRows = sections[0].Sections.Select((section, i) =>
            (string[])[section.Name, .. sections.Select(s => $"{s.Sections[i].Bytes:N0} ({100.0 * s.Sections[i].Bytes / s.File.Bytes.Length:F0}%)")]).ToList();
        report.AppendLine(Markdown([.. sectionHeaders], sectionRows));
        report.AppendLine($"Loading the file of about {VmpBench.TargetActions:N0} actions: {tenK.Input.Lines:N0} source lines (generator target {tenK.Input.TargetLines:N0}), " +
            $"{tenK.Actions:N0} actions, {tenK.Instructions:N0} instructions, {tenK.Bytes.Length:N0} bytes.").AppendLine();
        report.AppendLine(Markdown(["operation", "warm ms (median)", "cold ms (1st call)", "cold process, 2nd call ms", "allocated bytes (warm)", "allocated bytes (cold)"], loadRows));
        var verdictLoad = loadWarm.Ms <= AudioFrameMs ? "fits in" : "EXCEEDS";
        report.AppendLine($"Load of {tenK.Actions:N0} actions against one {AudioFrameMs:F0} ms audio frame: warm {loadWarm.Ms:F2} ms ({verdictLoad} it)" +
            (loadCold is null ? "." : $", cold {loadCold.Ms:F1} ms ({(loadCold.Ms <= AudioFrameMs ? "fits in" : "exceeds")} it).")).AppendLine();
        report.AppendLine($"Loader fuzz: {fuzz.Sum(f => f.Cases):N0} hostile files (seed {VmpBench.FuzzSeed}): bit-flipped copies of the {tenK.Actions:N0}-action file " +
            "(1-4 bits anywhere, SHA-256 recomputed), and random files of 0-8 KiB (plain, with the magic, with a valid header, with a valid header and section table). " +
            "Every outcome was a load or a VmpLoadException; anything else would have failed the benchmark.").AppendLine();
        report.AppendLine(Markdown(["files", "cases", "loaded", "refused", "refused by code", "loader s", "loader cases/s", "wall s (making the files too)", "wall cases/s"], fuzzRows));
        if (checkWarm100k is { } rate)
        {
            var verdict = rate >= TargetLinesPerSecond ? "meets" : "MISSES";
            report.AppendLine($"Target: full check on the 100k-line input, warm, >= {Rate(TargetLinesPerSecond)} lines/s: measured {Rate(rate)} lines/s, {verdict} the target.")
                .AppendLine();
        }
        if (options.Vm)
            report.Append(VmBench.Run(options.Quick));
        if (options.Mailbox)
            report.Append(MailboxBench.Run(options.Quick));
        return Finish(options, report, started, loadAtStart);
    }

    private static int Finish(Options options, StringBuilder report, DateTime started, string loadAtStart)
    {
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
        foreach (var mode in Workloads.Main.Concat(Workloads.Strategy).Concat(Workloads.Vmp))
        {
            var operation = Workloads.Get(mode);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < 40 || watch.Elapsed < budget; i++)
                operation(text);
        }
        for (var i = 0; i < 40; i++)
            StageProfile.RunOnce(text);
        // The root.vmp steps on their own: emitting from one compilation, loading, disassembling.
        var compilation = Compilation.Create([new SourceText("bench.vflow", text)]);
        var bytes = Workloads.CompileToBytes(text);
        var loaded = VmpReader.Read(bytes);
        Func<long>[] steps =
        [
            () => compilation.EmitProgram()!.Code.Length,
            () => VmpWriter.Write(compilation.EmitProgram()!).Length,
            () => VmpReader.Read(bytes).Code.Length,
            () => Disassembler.Disassemble(loaded).Length,
        ];
        foreach (var step in steps)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < 40 || watch.Elapsed < budget; i++)
                step();
        }
        Thread.Sleep(500);
    }

    private static string[] SizeRow(VmpFile file, Sample load) =>
    [
        file.Input.Size, file.Input.Lines.ToString("N0"), file.Actions.ToString("N0"), file.Instructions.ToString("N0"), file.Bytes.Length.ToString("N0"),
        $"{(double)file.Bytes.Length / file.Actions:F1}", $"{(double)file.Bytes.Length / file.Instructions:F1}", $"{(double)file.Bytes.Length / file.Input.Lines:F1}",
        $"{load.Ms:F2}", load.AllocatedBytes.ToString("N0"),
    ];

    private static string[] FuzzRow(FuzzTally tally) => FuzzRow([tally.Name], [tally]);

    private static string[] FuzzRow(string[] name, FuzzTally[] tallies)
    {
        var cases = tallies.Sum(t => t.Cases);
        var loaded = tallies.Sum(t => t.Loaded);
        var codes = tallies.SelectMany(t => t.Refused).GroupBy(p => p.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Sum(p => p.Value):N0}");
        var loaderMs = tallies.Sum(t => t.LoaderMs);
        var wallMs = tallies.Sum(t => t.WallMs);
        return
        [
            name[0], cases.ToString("N0"), loaded.ToString("N0"), (cases - loaded).ToString("N0"), string.Join(", ", codes),
            $"{loaderMs / 1000:F2}", $"{cases / (loaderMs / 1000):N0}", $"{wallMs / 1000:F2}", $"{cases / (wallMs / 1000):N0}",
        ];
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

    internal static string Markdown(string[] headers, List<string[]> rows)
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
