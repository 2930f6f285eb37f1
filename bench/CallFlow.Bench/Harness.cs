using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Vmp;

namespace CallFlow.Bench;

/// <summary>One generated input.</summary>
internal sealed record Input(string Size, int TargetLines, string Text, int Lines, int Bytes);

/// <summary>A measurement: median (warm) or single (cold) time and allocated bytes of one operation.</summary>
internal sealed record Sample(double Ms, long AllocatedBytes, long Result = 0)
{
    public double LinesPerSecond(Input input) => input.Lines / (Ms / 1000.0);
    public double MegabytesPerSecond(Input input) => input.Bytes / 1_000_000.0 / (Ms / 1000.0);
    public double BytesPerLine(Input input) => (double)AllocatedBytes / input.Lines;
}

internal static class Harness
{
    public static readonly (string Name, int Lines)[] Sizes = [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)];

    public static Input MakeInput(string size)
    {
        var target = Sizes.FirstOrDefault(s => s.Name == size).Lines;
        if (target == 0)
            throw new ArgumentException($"unknown size '{size}' (use {string.Join(", ", Sizes.Select(s => s.Name))})");
        return MakeInput(size, target);
    }

    /// <summary>A generated input of about <paramref name="target"/> lines, named <paramref name="size"/> in the report.</summary>
    public static Input MakeInput(string size, int target)
    {
        var text = VflowGenerator.Generate(target);
        var lines = new SourceText("bench.vflow", text).LineCount - (text.EndsWith('\n') ? 1 : 0);
        return new Input(size, target, text, lines, System.Text.Encoding.UTF8.GetByteCount(text));
    }

    /// <summary>Fails loudly unless the input compiles with zero diagnostics (errors and warnings alike).</summary>
    public static void AssertClean(Input input)
    {
        var diagnostics = Compilation.Create([new SourceText($"bench-{input.Size}.vflow", input.Text)]).Diagnostics;
        if (diagnostics.IsEmpty)
            return;
        var source = new SourceText($"bench-{input.Size}.vflow", input.Text);
        var report = string.Join(Environment.NewLine, diagnostics.Take(20).Select(d =>
            $"  {d.Location.Path}({d.Location.Start}): {d.Code} {d.Message}{Environment.NewLine}      | {source.GetLineText(d.Location.Start.Line)}"));
        throw new InvalidOperationException(
            $"the generated {input.Size} input has {diagnostics.Length} diagnostics; the generator must produce clean programs:{Environment.NewLine}{report}");
    }

    /// <summary>A full collection before each measured iteration, so one iteration does not pay for the garbage of the previous one.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static double TicksToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Times one call on this thread: elapsed milliseconds and bytes allocated by it.</summary>
    public static Sample Once<T>(Func<T, long> operation, T text)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        var result = operation(text);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return new Sample(elapsed.TotalMilliseconds, allocated, result);
    }

    /// <summary>Warm: <paramref name="warmup"/> unmeasured calls, then the median of <paramref name="iterations"/> measured ones.</summary>
    public static Sample Warm<T>(Func<T, long> operation, T text, int warmup, int iterations)
    {
        for (var i = 0; i < warmup; i++)
            operation(text);
        var times = new List<double>();
        var bytes = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            Settle();
            var sample = Once(operation, text);
            times.Add(sample.Ms);
            bytes.Add(sample.AllocatedBytes);
        }
        return new Sample(Median(times), (long)Median(bytes));
    }

    /// <summary>
    /// Cold: a fresh process (<c>dotnet CallFlow.Bench.dll --cold size mode</c>) generates the input, untimed, and
    /// times its first call: JIT of the compiler and ANTLR runtime, ATN deserialisation and empty DFA caches included.
    /// </summary>
    public static Sample Cold(string size, string mode)
    {
        var line = RunChild(["--cold", size, mode], environment: null, "COLD");
        var parts = line.Split(' ');
        return new Sample(double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Warm, in a fresh process with extra environment variables (GC settings are read once, at start-up): returns the
    /// median sample and the GC pause time and collections of the median run.
    /// </summary>
    public static (Sample Sample, double PauseMs, string Collections) WarmInChild(string size, string mode, int warmup, int iterations,
        IReadOnlyDictionary<string, string> environment)
    {
        var line = RunChild(["--warm", size, mode, warmup.ToString(CultureInfo.InvariantCulture), iterations.ToString(CultureInfo.InvariantCulture)],
            environment, "WARM");
        var parts = line.Split(' ');
        return (new Sample(double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture)),
            double.Parse(parts[3], CultureInfo.InvariantCulture), parts[4]);
    }

    public static string RunChild(string[] arguments, IReadOnlyDictionary<string, string>? environment, string marker)
    {
        var assembly = Assembly.GetExecutingAssembly().Location;
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? path
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {host}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith(marker + " ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
            throw new InvalidOperationException($"child run '{string.Join(' ', arguments)}' failed (exit {process.ExitCode}):{Environment.NewLine}{stdout}{stderr.Result}");
        return line.Trim();
    }

    /// <summary>The child side of <see cref="WarmInChild"/>: prints <c>WARM ms allocatedBytes pauseMs gen0/gen1/gen2</c>.</summary>
    public static int RunWarmChild(string size, string mode, int warmup, int iterations)
    {
        var input = MakeInput(size);
        var operation = Workloads.Get(mode);
        Runner.WarmUpJit(VflowGenerator.Generate(1_000), quick: true);
        for (var i = 0; i < warmup; i++)
            operation(input.Text);
        var runs = new List<(Sample Sample, double PauseMs, string Collections)>();
        for (var i = 0; i < iterations; i++)
        {
            Settle();
            var counts = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
            var pause = GC.GetTotalPauseDuration();
            var sample = Once(operation, input.Text);
            runs.Add((sample, (GC.GetTotalPauseDuration() - pause).TotalMilliseconds,
                $"{GC.CollectionCount(0) - counts[0]}/{GC.CollectionCount(1) - counts[1]}/{GC.CollectionCount(2) - counts[2]}"));
        }
        var median = runs.OrderBy(r => r.Sample.Ms).ElementAt(runs.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"WARM {median.Sample.Ms:F3} {median.Sample.AllocatedBytes} {median.PauseMs:F3} {median.Collections}"));
        return 0;
    }

    /// <summary>The child side of <see cref="Cold"/>: prints <c>COLD ms allocatedBytes</c>.</summary>
    public static int RunColdChild(string size, string mode)
    {
        var input = MakeInput(size);
        var operation = Workloads.Get(mode);
        var sample = Once(operation, input.Text);
        // The measured call's result is the diagnostic count (parse, check): the parent asserted the same
        // deterministic input clean, so a non-zero count here means the child compiled something else.
        if (mode is Workloads.Check or Workloads.Parse && sample.Result != 0)
        {
            Console.Error.WriteLine($"the {size} input got {sample.Result} diagnostics in {mode} mode");
            return 1;
        }
        // Compile returns the root.vmp's length (and throws when Emit gives null): it must be a real file.
        if (mode is Workloads.Compile && sample.Result <= VmpFormat.HeaderSize)
        {
            Console.Error.WriteLine($"the {size} input compiled to {sample.Result} bytes");
            return 1;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"COLD {sample.Ms:F3} {sample.AllocatedBytes}"));
        return 0;
    }
}
