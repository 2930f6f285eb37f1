using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CallFlow.Bench;

/// <summary>Options of <c>--sip-load</c>.</summary>
/// <param name="Steps">Concurrent calls of each step.</param>
/// <param name="HoldSeconds">Audio each call holds after its key, both ways.</param>
/// <param name="Rate">New calls a second during a step's ramp; null: the step's calls ÷ 10 (at least 10), a 10 s ramp.</param>
/// <param name="Reference">Also run SIPp's own echo server through each step.</param>
/// <param name="Markdown">Also write the report to this file.</param>
/// <param name="Keep">Keep the temporary folder (logs, SIPp statistics, the recordings).</param>
/// <param name="WarmupCalls">Calls placed (5 s each) before the first step, not reported.</param>
/// <param name="Vmc">The vmc.dll to serve with; null: the repository's Release build.</param>
/// <param name="Build">Build compiler/CallFlow.Cli (Release) first.</param>
/// <param name="RtpPortMin">First RTP port of the server.</param>
/// <param name="RtpPortMax">Last RTP port of the server.</param>
/// <param name="ServerEnvironment">NAME=VALUE settings for the server process (runtime knobs to compare, e.g. DOTNET_gcServer=1).</param>
/// <param name="CallerNice">Niceness of the SIPp caller (0: the same priority as the server).</param>
/// <param name="ClockRealtime">When above 0: the server's media clock thread is given SCHED_FIFO at this priority (chrt; needs root).</param>
internal sealed record SipLoadOptions(int[] Steps, int HoldSeconds, int? Rate, bool Reference, string? Markdown, bool Keep, int WarmupCalls, string? Vmc, bool Build,
    int RtpPortMin, int RtpPortMax, string[] ServerEnvironment, int CallerNice = 0, int ClockRealtime = 0)
{
    public const string Usage =
        "usage: CallFlow.Bench --sip-load [--steps 40,250,500,1000] [--hold 40] [--rate <calls/s>] [--no-reference] [--warmup 20] [--markdown out.md] [--keep] " +
        "[--vmc path/vmc.dll] [--no-build] [--rtp-ports 44000-46999] [--server-env NAME=VALUE]... [--caller-nice 0-19] [--clock-rt 1-99]";

    public static SipLoadOptions? Parse(string[] args)
    {
        var options = new SipLoadOptions([40, 250, 500, 1000], 40, null, true, null, false, 20, null, true, 44000, 46999, []);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            try
            {
                options = args[i] switch
                {
                    "--steps" => options with { Steps = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(PositiveInt)] },
                    "--hold" => options with { HoldSeconds = PositiveInt(Next()) },
                    "--rate" => options with { Rate = PositiveInt(Next()) },
                    "--no-reference" => options with { Reference = false },
                    "--warmup" => options with { WarmupCalls = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--markdown" => options with { Markdown = Next() },
                    "--keep" => options with { Keep = true },
                    "--vmc" => options with { Vmc = Path.GetFullPath(Next()) },
                    "--no-build" => options with { Build = false },
                    "--clock-rt" => options with { ClockRealtime = int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture) is var p and >= 1 and <= 99 ? p : throw new FormatException("--clock-rt takes 1-99") },
                    "--caller-nice" => options with { CallerNice = int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture) is var n and <= 19 ? n : throw new FormatException("--caller-nice takes 0-19") },
                    "--server-env" => Next() is var setting && setting.IndexOf('=', StringComparison.Ordinal) > 0
                        ? options with { ServerEnvironment = [.. options.ServerEnvironment, setting] }
                        : throw new FormatException("--server-env takes NAME=VALUE"),
                    "--rtp-ports" => Next().Split('-') is [var min, var max]
                        ? options with { RtpPortMin = PositiveInt(min), RtpPortMax = PositiveInt(max) }
                        : throw new FormatException("--rtp-ports takes min-max"),
                    _ => throw new FormatException($"unknown option {args[i]}"),
                };
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine(e.Message);
                return null;
            }
        }
        // RTP takes even ports: the range must hold every call of the largest step, with room to spare.
        if (options.Steps.Length == 0 || options.WarmupCalls < 0 || options.RtpPortMin % 2 != 0
            || (options.RtpPortMax - options.RtpPortMin) / 2 < options.Steps.Max() + options.Steps.Max() / 10 + 10)
        {
            Console.Error.WriteLine("no steps, a negative warm-up, an odd first RTP port, or an RTP port range too small for the largest step");
            return null;
        }
        return options;
    }

    public int RateFor(int calls) => Rate ?? Math.Max(10, (calls + 9) / 10);

    private static int PositiveInt(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw new FormatException($"'{text}' is not a positive number");
}

/// <summary>One system (CallFlow or SIPp's echo server) through one step.</summary>
internal sealed record SipLoadRow(
    string System,
    int Calls,
    int Rate,
    SippResult Caller,
    double? ServerCpuMs,
    double CallMinutes,
    IReadOnlyDictionary<string, double>? Media,
    long? Dtmf,
    long? ServerStarted,
    long? ServerRefused,
    long? ServerFaulted,
    double? PeakRssMb,
    int PeakServerCalls,
    string Load,
    IReadOnlyDictionary<string, double>? Threads = null,
    IReadOnlyDictionary<string, double>? Gc = null)
{
    /// <summary>Calls that did not go through the whole scenario: failed, or never finished.</summary>
    public int Failed => Calls - Caller.Successful;

    public double? CpuMsPerCallMinute => ServerCpuMs is { } cpu && CallMinutes > 0 ? cpu / CallMinutes : null;

    public double? CallerCpuMsPerCallMinute => Caller.CpuMs is { } cpu && CallMinutes > 0 ? cpu / CallMinutes : null;

    public double? MediaValue(string name) => Media is not null && Media.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// The SIP load benchmark (<c>--sip-load</c>, docs/benchmarks.md "SIP load"): SIPp calls <c>vmc serve</c> on loopback
/// with audio both ways and an RFC 4733 key per call, in steps of concurrent calls; for each step the failed calls,
/// the server's RTP send jitter (its media clock, from /metrics), the keys it detected and its CPU time per
/// call-minute (/proc/&lt;pid&gt;/stat). SIPp's own echo server (<c>sipp -sn uas -rtp_echo</c>) goes through each step
/// with the same caller as the reference. Everything runs on 127.0.0.1; every wait is bounded.
/// </summary>
internal static class SipLoad
{
    /// <summary>The start point the caller dials (bench/sipp/load.vflow).</summary>
    public const string Service = "*77";

    /// <summary>The target of the issue: this many calls at once on 2 cores, no failed call, worst send jitter under 10 ms.</summary>
    public const int TargetCalls = 1000;

    public const double TargetJitterMs = 10;

    public static int RunStandalone(string[] args)
    {
        var options = SipLoadOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(SipLoadOptions.Usage);
            return 2;
        }
        if (!OperatingSystem.IsLinux())
        {
            Console.Error.WriteLine("BENCHMARK FAILED: the SIP load benchmark reads /proc and runs SIPp: Linux only");
            return 1;
        }
        if (SipLoadSipp.Missing() is { } missing)
        {
            Console.Error.WriteLine($"BENCHMARK FAILED: {missing}");
            return 1;
        }
        try
        {
            return Run(options);
        }
        finally
        {
            SipLoadProcesses.KillAll();
        }
    }

    private static int Run(SipLoadOptions options)
    {
        var started = DateTime.UtcNow;
        var loadAtStart = Machine.LoadAverage();
        var root = RepositoryRoot();
        var vmc = options.Vmc ?? Path.Combine(root, "compiler", "CallFlow.Cli", "bin", "Release", "net10.0", "vmc.dll");
        if (options.Vmc is null && options.Build)
            BuildCli(root);
        if (!File.Exists(vmc))
            throw new InvalidOperationException($"{vmc} does not exist: build compiler/CallFlow.Cli in Release, or pass --vmc");

        var work = Directory.CreateTempSubdirectory("callflow-sipload-").FullName;
        Console.WriteLine($"SIP load: steps {string.Join(", ", options.Steps)} concurrent calls, {options.HoldSeconds} s of audio each, " +
            $"reference {(options.Reference ? "SIPp uas -rtp_echo" : "off")}; work folder {work}");
        var rows = new List<SipLoadRow>();
        Process? server = null;
        try
        {
            SipLoadSipp.PrepareCaller(work);
            File.Copy(Path.Combine(SipLoadSipp.SippDirectory, "load.vflow"), Path.Combine(work, "load.vflow"), overwrite: true);
            var (sipPort, httpPort) = (SipLoadProcesses.FreePort(), SipLoadProcesses.FreePort());
            WriteConfiguration(work, options, sipPort, httpPort);
            server = StartServer(work, vmc, options.ServerEnvironment);
            if (options.ClockRealtime > 0)
                Console.WriteLine(SetClockRealtime(server.Id, options.ClockRealtime));
            using var metrics = new MetricsClient(httpPort);
            Console.WriteLine($"server: vmc serve (pid {server.Id}), SIP 127.0.0.1:{sipPort}, metrics http://127.0.0.1:{httpPort}/metrics");

            if (options.WarmupCalls > 0)
            {
                // JIT, the prompt's text to speech and the store's first writes, before anything is measured.
                var warm = RunCaller(work, "warmup", sipPort, options.WarmupCalls, 10, holdSeconds: 5);
                Console.WriteLine($"warm-up: {warm.Successful}/{options.WarmupCalls} calls succeeded{(warm.Problems.Length > 0 ? "; " + warm.Problems.ReplaceLineEndings(" | ") : "")}");
                WaitForNoCalls(metrics, TimeSpan.FromSeconds(30));
            }

            foreach (var calls in options.Steps)
            {
                var row = RunCallFlowStep(work, options, server, metrics, sipPort, calls);
                rows.Add(row);
                Console.WriteLine(Summary(row));
                if (options.Reference)
                {
                    Thread.Sleep(2000);
                    var reference = RunReferenceStep(work, options, calls);
                    rows.Add(reference);
                    Console.WriteLine(Summary(reference));
                }
                Thread.Sleep(2000);
            }
        }
        finally
        {
            if (server is not null)
                SipLoadProcesses.Terminate(server, TimeSpan.FromSeconds(20));
            SipLoadProcesses.KillAll();
            if (options.Keep)
                Console.WriteLine($"kept {work}");
            else
                TryDelete(work);
        }

        var report = Report(options, rows, started, loadAtStart);
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.Markdown is { } path)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
                Directory.CreateDirectory(directory);
            File.WriteAllText(path, report);
            Console.WriteLine($"wrote {path}");
        }
        return 0;
    }

    private static SipLoadRow RunCallFlowStep(string work, SipLoadOptions options, Process server, MetricsClient metrics, int sipPort, int calls)
    {
        var rate = options.RateFor(calls);
        var load = Machine.LoadAverage();
        var before = metrics.Read(restartMediaWindow: true);
        var cpuBefore = SipLoadProcesses.CpuMilliseconds(server.Id);
        var threadsBefore = SipLoadProcesses.ThreadCpuMilliseconds(server.Id);
        var name = $"callflow-{calls}";
        var limit = CallerLimit(calls, rate, options.HoldSeconds);
        var caller = SipLoadSipp.StartCaller(work, name, sipPort, Service, calls, rate, options.HoldSeconds * 1000, limit, options.CallerNice);
        var peakRss = 0.0;
        var peakCalls = 0;
        // Sample the server each second while the caller runs: calls in progress and resident memory.
        var deadline = Stopwatch.StartNew();
        while (!caller.WaitForExit(1000) && deadline.Elapsed < limit + TimeSpan.FromSeconds(30))
        {
            peakRss = Math.Max(peakRss, SipLoadProcesses.ResidentMegabytes(server.Id) ?? 0);
            if (metrics.TryRead() is { } now)
                peakCalls = Math.Max(peakCalls, (int)now.GetValueOrDefault("callflow_calls_active"));
        }
        var exit = SipLoadProcesses.WaitOrKill(caller, TimeSpan.FromSeconds(5));
        // The calls' last work (hang-up, the recording's commit) belongs to the step too.
        WaitForNoCalls(metrics, TimeSpan.FromSeconds(30));
        var after = metrics.Read(restartMediaWindow: true);
        var cpu = SipLoadProcesses.CpuMilliseconds(server.Id) - cpuBefore;
        var threads = SipLoadProcesses.ThreadCpuMilliseconds(server.Id).ToDictionary(p => p.Key, p => p.Value - threadsBefore.GetValueOrDefault(p.Key));
        // Threads that ended during the step took their time with them: the rest of the process's time is theirs.
        threads["other threads"] = cpu - threads.Where(p => p.Key != "other threads").Sum(p => p.Value);
        var result = SipLoadSipp.Result(work, name, exit);
        double Delta(string metric) => after.GetValueOrDefault(metric) - before.GetValueOrDefault(metric);
        var gc = after.Keys.Where(k => k.StartsWith("callflow_gc_", StringComparison.Ordinal) || k is "callflow_allocated_bytes_total" or "callflow_exceptions_total")
            .ToDictionary(k => k, Delta);
        return new SipLoadRow("CallFlow (vmc serve)", calls, rate, result, cpu, result.Successful * options.HoldSeconds / 60.0,
            after.Where(p => p.Key.StartsWith("callflow_media_", StringComparison.Ordinal)).ToDictionary(),
            (long)Delta("callflow_dtmf_digits_total"), (long)Delta("callflow_calls_started_total"), (long)Delta("callflow_calls_refused_total"),
            (long)Delta("callflow_calls_faulted_total"), peakRss, peakCalls, load, threads, gc);
    }

    private static SipLoadRow RunReferenceStep(string work, SipLoadOptions options, int calls)
    {
        var rate = options.RateFor(calls);
        var load = Machine.LoadAverage();
        var limit = CallerLimit(calls, rate, options.HoldSeconds);
        var port = SipLoadProcesses.FreePort();
        var name = $"sipp-{calls}";
        var echo = SipLoadSipp.StartEchoServer(work, $"{name}-uas", port, calls, limit + TimeSpan.FromSeconds(30));
        var caller = SipLoadSipp.StartCaller(work, name, port, Service, calls, rate, options.HoldSeconds * 1000, limit, options.CallerNice);
        var peakRss = 0.0;
        double? echoCpu = null;
        var deadline = Stopwatch.StartNew();
        while (!caller.WaitForExit(1000) && deadline.Elapsed < limit + TimeSpan.FromSeconds(30))
        {
            if (SipLoadProcesses.ChildProcessId(echo.Id) is { } pid)
            {
                peakRss = Math.Max(peakRss, SipLoadProcesses.ResidentMegabytes(pid) ?? 0);
                echoCpu = SafeCpu(pid) ?? echoCpu;
            }
        }
        var exit = SipLoadProcesses.WaitOrKill(caller, TimeSpan.FromSeconds(5));
        if (SipLoadProcesses.ChildProcessId(echo.Id) is { } last)
            echoCpu = SafeCpu(last) ?? echoCpu;
        // The echo server stops by itself after its calls (-m); bash then writes its CPU time.
        var echoExit = SipLoadProcesses.WaitOrKill(echo, TimeSpan.FromSeconds(15));
        var echoResult = SipLoadSipp.Result(work, $"{name}-uas", echoExit, echoCpu);
        var result = SipLoadSipp.Result(work, name, exit);
        return new SipLoadRow("SIPp uas -rtp_echo", calls, rate, result, echoResult.CpuMs, result.Successful * options.HoldSeconds / 60.0,
            null, null, echoResult.Created, null, null, peakRss, echoResult.PeakConcurrent, load);

        static double? SafeCpu(int pid)
        {
            try
            {
                return SipLoadProcesses.CpuMilliseconds(pid);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    private static SippResult RunCaller(string work, string name, int sipPort, int calls, int rate, int holdSeconds)
    {
        var limit = CallerLimit(calls, rate, holdSeconds);
        var caller = SipLoadSipp.StartCaller(work, name, sipPort, Service, calls, rate, holdSeconds * 1000, limit);
        var exit = SipLoadProcesses.WaitOrKill(caller, limit + TimeSpan.FromSeconds(30));
        return SipLoadSipp.Result(work, name, exit);
    }

    /// <summary>How long SIPp may run: the ramp, the hold, and a minute for set-up, tear-down and retransmissions.</summary>
    private static TimeSpan CallerLimit(int calls, int rate, int holdSeconds) => TimeSpan.FromSeconds((calls + rate - 1) / rate + holdSeconds + 60);

    private static void WaitForNoCalls(MetricsClient metrics, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit && (metrics.TryRead() is not { } now || now.GetValueOrDefault("callflow_calls_active") > 0))
            Thread.Sleep(250);
    }

    private static Process StartServer(string work, string vmc, string[] environment)
    {
        var output = Path.Combine(work, "server.out");
        var server = SipLoadProcesses.Start(work, output, Path.Combine(work, "server.err"), exec: true, null,
            ["env", .. environment, "dotnet", vmc, "serve", "load.vflow", "--config", "callflow.json", "--data", "data"]);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (File.Exists(output) && File.ReadLines(output).Any(l => l.StartsWith("CallFlow server running", StringComparison.Ordinal)))
                return server;
            if (server.HasExited)
                break;
            Thread.Sleep(200);
        }
        var log = string.Join('\n', new[] { output, Path.Combine(work, "server.err") }.Where(File.Exists).SelectMany(f => File.ReadLines(f).TakeLast(10)));
        throw new InvalidOperationException($"vmc serve did not start within 90 s:\n{log}");
    }

    /// <summary>
    /// An experiment, not a setting of the server: gives the server's media clock threads (one per lane) the real-time
    /// policy SCHED_FIFO (chrt -f), so that neither SIPp nor the server's own thread pool can delay a tick, only the
    /// garbage collector.
    /// </summary>
    private static string SetClockRealtime(int serverPid, int priority)
    {
        var lanes = Directory.EnumerateDirectories($"/proc/{serverPid}/task")
            .Where(t => File.ReadAllText(Path.Combine(t, "comm")).StartsWith("CallFlow media", StringComparison.Ordinal))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        if (lanes.Count == 0)
            throw new InvalidOperationException("the server has no 'CallFlow media clock' thread");
        foreach (var tid in lanes)
        {
            var start = new ProcessStartInfo("chrt") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "-f", "-p", priority.ToString(CultureInfo.InvariantCulture), tid! })
                start.ArgumentList.Add(argument);
            using var chrt = Process.Start(start) ?? throw new InvalidOperationException("chrt did not start");
            var error = chrt.StandardError.ReadToEnd();
            if (!chrt.WaitForExit(10_000) || chrt.ExitCode != 0)
                throw new InvalidOperationException($"chrt -f -p {priority} {tid} failed (root needed): {error}");
        }
        return $"media clock threads {string.Join(", ", lanes)}: SCHED_FIFO priority {priority}";
    }

    /// <summary>bench/sipp/callflow.json with this run's ports and call limit.</summary>
    private static void WriteConfiguration(string work, SipLoadOptions options, int sipPort, int httpPort)
    {
        var template = File.ReadAllText(Path.Combine(SipLoadSipp.SippDirectory, "callflow.json"));
        var configuration = JsonNode.Parse(template, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var server = configuration["server"]!;
        server["sip_port"] = sipPort;
        server["http_port"] = httpPort;
        server["rtp_port_min"] = options.RtpPortMin;
        server["rtp_port_max"] = options.RtpPortMax;
        server["max_calls"] = Math.Max(options.Steps.Max() + options.Steps.Max() / 10 + 10, options.WarmupCalls);
        File.WriteAllText(Path.Combine(work, "callflow.json"), configuration.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static void BuildCli(string root)
    {
        Console.WriteLine("building compiler/CallFlow.Cli (Release) ...");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var argument in new[] { "build", Path.Combine("compiler", "CallFlow.Cli", "CallFlow.Cli.csproj"), "-c", "Release", "--nologo", "-v", "q" })
            start.ArgumentList.Add(argument);
        using var build = Process.Start(start) ?? throw new InvalidOperationException("dotnet build did not start");
        var output = build.StandardOutput.ReadToEndAsync();
        var error = build.StandardError.ReadToEndAsync();
        if (!build.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            SipLoadProcesses.Kill(build);
            throw new InvalidOperationException("building the CLI took more than 10 minutes");
        }
        if (build.ExitCode != 0)
            throw new InvalidOperationException($"building the CLI failed:\n{output.Result}\n{error.Result}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CallFlow.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("CallFlow.sln not found above the bench's folder");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"could not delete {directory}: {e.Message}");
        }
    }

    private static string Summary(SipLoadRow row)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{row.Calls,5} calls  {row.System,-22}  failed {row.Failed}  peak {Math.Max(row.Caller.PeakConcurrent, row.PeakServerCalls)}");
        if (row.Media is not null)
            text.Append(CultureInfo.InvariantCulture, $"  jitter {Ms(row.MediaValue("callflow_media_send_interval_mean_ms"))}/{Ms(row.MediaValue("callflow_media_send_interval_worst_ms"))} ms  DTMF {row.Dtmf}");
        text.Append(CultureInfo.InvariantCulture, $"  CPU {Ms(row.CpuMsPerCallMinute, "F0")} ms/call-min  caller CPU {Ms(row.CallerCpuMsPerCallMinute, "F0")} ms/call-min  load {row.Load}");
        if (row.Caller.ExitCode is not 0)
            text.Append(CultureInfo.InvariantCulture, $"  sipp exit {row.Caller.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "killed"}");
        if (row.Caller.Problems.Length > 0)
            text.Append("\n        ").Append(row.Caller.Problems.ReplaceLineEndings("\n        "));
        return text.ToString();
    }

    private static string Report(SipLoadOptions options, List<SipLoadRow> rows, DateTime started, string loadAtStart)
    {
        var report = new StringBuilder();
        report.AppendLine("### Machine").AppendLine().AppendLine("```").AppendLine(Machine.Describe()).AppendLine($"sipp:     {SippVersion()}").AppendLine("```").AppendLine();
        var rate = options.Rate is { } r ? string.Create(CultureInfo.InvariantCulture, $" --rate {r}") : "";
        var command = string.Create(CultureInfo.InvariantCulture,
            $"--sip-load --steps {string.Join(',', options.Steps)} --hold {options.HoldSeconds}{rate}{(options.Reference ? "" : " --no-reference")}" +
            $"{string.Concat(options.ServerEnvironment.Select(e => " --server-env " + e))}{(options.CallerNice > 0 ? $" --caller-nice {options.CallerNice}" : "")}{(options.ClockRealtime > 0 ? $" --clock-rt {options.ClockRealtime}" : "")}");
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Run: `{command}`, {started:yyyy-MM-dd HH:mm} UTC; {options.HoldSeconds} s of audio per call after its key; the ramp at the rate shown (new calls a second)."))
            .AppendLine();
        var table = new List<string[]>();
        foreach (var row in rows)
        {
            var reference = row.Media is null ? null : rows.FirstOrDefault(r => r.Media is null && r.Calls == row.Calls);
            var ratio = row.CpuMsPerCallMinute is { } mine && reference?.CpuMsPerCallMinute is { } theirs && theirs > 0 ? $"{mine / theirs:F1}x" : "";
            table.Add(
            [
                row.Calls.ToString("N0", CultureInfo.InvariantCulture), row.System, row.Rate.ToString(CultureInfo.InvariantCulture),
                row.Failed.ToString(CultureInfo.InvariantCulture), Math.Max(row.Caller.PeakConcurrent, row.PeakServerCalls).ToString(CultureInfo.InvariantCulture),
                row.Media is null ? "-" : $"{Ms(row.MediaValue("callflow_media_send_interval_mean_ms"))} / {Ms(row.MediaValue("callflow_media_send_interval_worst_ms"))}",
                row.Media is null ? "-" : $"{Ms(row.MediaValue("callflow_media_tick_work_mean_ms"))} / {Ms(row.MediaValue("callflow_media_tick_work_worst_ms"))}",
                row.Dtmf is { } dtmf ? $"{dtmf} / {row.Calls}" : "-",
                row.ServerCpuMs is { } cpu ? (cpu / 1000).ToString("F1", CultureInfo.InvariantCulture) : "?",
                row.CallMinutes.ToString("F0", CultureInfo.InvariantCulture),
                Ms(row.CpuMsPerCallMinute, "F0"), ratio,
                row.PeakRssMb is { } rss and > 0 ? rss.ToString("F0", CultureInfo.InvariantCulture) : "?",
                Ms(row.CallerCpuMsPerCallMinute, "F0"), row.Load,
            ]);
        }
        report.AppendLine(Runner.Markdown(
            ["calls at once", "server", "ramp calls/s", "failed calls", "peak at once", "send jitter mean / worst ms", "tick work mean / worst ms", "DTMF detected",
             "server CPU s", "call-minutes", "server CPU ms per call-minute", "vs SIPp", "server peak RSS MB", "caller (SIPp UAC) CPU ms per call-minute", "load average"],
            table));
        var detail = rows.Where(r => r.Media is not null).Select(r => new[]
        {
            r.Calls.ToString("N0", CultureInfo.InvariantCulture), Ms(r.MediaValue("callflow_media_window_ticks"), "F0"),
            $"{Ms(r.MediaValue("callflow_media_tick_lateness_mean_ms"))} / {Ms(r.MediaValue("callflow_media_tick_lateness_worst_ms"))}",
            Ms(r.MediaValue("callflow_media_overrun_ticks"), "F0"), Ms(r.MediaValue("callflow_media_skipped_ticks"), "F0"), Ms(r.MediaValue("callflow_media_faults"), "F0"),
            $"{r.ServerStarted} / {r.ServerRefused} / {r.ServerFaulted}",
            r.Caller.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "killed",
        }).ToList();
        if (detail.Count > 0)
        {
            report.AppendLine("CallFlow's media clock over each step (the window of `/metrics?restart_media_window`), and the server's call counters:").AppendLine();
            report.AppendLine(Runner.Markdown(["calls at once", "ticks", "tick lateness mean / worst ms", "overrun ticks", "skipped ticks", "faults",
                "calls started / refused / faulted", "SIPp exit"], detail));
        }
        var cpuRows = rows.Where(r => r.Threads is not null).Select(r =>
        {
            string Part(string kind) => r.Threads!.TryGetValue(kind, out var ms) && r.ServerCpuMs is > 0 ? $"{ms / 1000:F1} ({100 * ms / r.ServerCpuMs.Value:F0}%)" : "?";
            var ticks = r.MediaValue("callflow_media_window_ticks");
            var perTick = r.Threads!.TryGetValue("media clock", out var clockMs) && ticks is > 0 ? $"{clockMs / ticks.Value:F2}" : "?";
            var collections = string.Join(" / ", Enumerable.Range(0, 3).Select(g => Ms(r.Gc?.GetValueOrDefault($"callflow_gc_collections_total{{generation=\"{g}\"}}"), "F0")));
            var pause = r.Gc?.GetValueOrDefault("callflow_gc_pause_seconds_total") is { } seconds ? $"{seconds * 1000:F0}" : "?";
            string PerCallMinute(string metric, double scale, string format) =>
                r.Gc?.GetValueOrDefault(metric) is { } value && r.CallMinutes > 0 ? (value / scale / r.CallMinutes).ToString(format, CultureInfo.InvariantCulture) : "?";
            return (string[])[r.Calls.ToString("N0", CultureInfo.InvariantCulture), Part("media clock"), perTick, Part("thread pool"), Part("socket engine"), Part("other threads"),
                collections, pause, PerCallMinute("callflow_allocated_bytes_total", 1 << 20, "F2"), PerCallMinute("callflow_exceptions_total", 1, "F0")];
        }).ToList();
        if (cpuRows.Count > 0)
        {
            report.AppendLine("Where CallFlow's CPU went (seconds, share of the server's time; `/proc/<pid>/task`), its garbage collections, allocations and exceptions over the step:").AppendLine();
            report.AppendLine(Runner.Markdown(["calls at once", "media clock thread s", "media clock CPU ms per tick", "thread pool s", "socket engine s",
                "other and ended threads s", "GCs gen0 / gen1 / gen2", "GC pause ms", "allocated MB per call-minute", "exceptions per call-minute"], cpuRows));
        }
        foreach (var row in rows.Where(r => r.Caller.Problems.Length > 0))
            report.AppendLine(CultureInfo.InvariantCulture, $"SIPp errors, {row.System}, {row.Calls} calls: `{row.Caller.Problems.ReplaceLineEndings(" | ")}`").AppendLine();
        report.AppendLine(Verdict(rows)).AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Total benchmark time: {(DateTime.UtcNow - started).TotalSeconds:F0} s. Load average at start: {loadAtStart}; at end: {Machine.LoadAverage()}.");
        return report.ToString();
    }

    private static string Verdict(List<SipLoadRow> rows)
    {
        var largest = rows.Where(r => r.Media is not null).MaxBy(r => r.Calls);
        if (largest is null)
            return "No CallFlow step ran.";
        var worst = largest.MediaValue("callflow_media_send_interval_worst_ms") ?? double.NaN;
        // Skipped ticks are a stall of more than 100 ms that the interval figures leave out: a miss too.
        var skipped = largest.MediaValue("callflow_media_skipped_ticks") ?? 0;
        var meets = largest.Calls >= TargetCalls && largest.Failed == 0 && worst < TargetJitterMs && skipped == 0;
        var problems = new List<string>();
        if (largest.Calls < TargetCalls)
            problems.Add($"the largest step was {largest.Calls} calls");
        if (largest.Failed > 0)
            problems.Add($"{largest.Failed} failed calls");
        if (!(worst < TargetJitterMs))
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"worst send jitter {worst:F1} ms"));
        if (skipped > 0)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{skipped:F0} ticks skipped after stalls over 100 ms"));
        var verdict = meets
            ? string.Create(CultureInfo.InvariantCulture, $"**met** ({largest.Failed} failed, worst {worst:F1} ms).")
            : $"**missed** ({string.Join(", ", problems)}).";
        return string.Create(CultureInfo.InvariantCulture,
            $"Target ({TargetCalls} calls at once on {Environment.ProcessorCount} cores, no failed call, worst send jitter under {TargetJitterMs:F0} ms): {verdict}");
    }

    private static string SippVersion()
    {
        try
        {
            using var sipp = Process.Start(new ProcessStartInfo("sipp", "-v") { RedirectStandardOutput = true, UseShellExecute = false });
            var text = sipp?.StandardOutput.ReadToEnd() ?? "";
            sipp?.WaitForExit(5000);
            return text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("SIPp", StringComparison.Ordinal)) ?? "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static string Ms(double? value, string format = "F2") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "?";

    /// <summary>Reads the server's /metrics (Prometheus text) into name → value.</summary>
    private sealed class MetricsClient(int port) : IDisposable
    {
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
        private readonly Uri _url = new($"http://127.0.0.1:{port}/metrics");

        public Dictionary<string, double> Read(bool restartMediaWindow = false)
        {
            var text = _http.GetStringAsync(restartMediaWindow ? new Uri(_url + "?restart_media_window") : _url).GetAwaiter().GetResult();
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var line in text.Split('\n'))
            {
                if (line.Length == 0 || line[0] == '#')
                    continue;
                var space = line.LastIndexOf(' ');
                if (space > 0 && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    values[line[..space]] = value;
            }
            return values;
        }

        public Dictionary<string, double>? TryRead()
        {
            try
            {
                return Read();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return null;
            }
        }

        public void Dispose() => _http.Dispose();
    }
}
