using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace CallFlow.Bench;

/// <summary>
/// The child processes of the SIP load benchmark (the server, SIPp) and what Linux tells about them: CPU time from
/// /proc/&lt;pid&gt;/stat or bash's <c>times</c>, resident memory. Every process started here is remembered and killed
/// (with its children) on <see cref="KillAll"/>, Ctrl+C or exit, so a failed run leaves nothing behind.
/// </summary>
internal static partial class SipLoadProcesses
{
    private static readonly List<Process> Started = [];
    private static readonly Lock StartedLock = new();
    private static int _hooked;

    /// <summary>
    /// Starts <paramref name="command"/> under bash with the open-file limit raised to the hard limit (hundreds of
    /// RTP sockets). With <paramref name="exec"/> bash execs it (the pid is the command's own, for /proc); otherwise
    /// bash waits for it and then writes its children's CPU time (<c>times</c>) to <paramref name="timesFile"/>.
    /// Standard output and error go to files, never to pipes a slow reader could stall.
    /// </summary>
    public static Process Start(string workDirectory, string stdoutFile, string stderrFile, bool exec, string? timesFile, params string[] command)
    {
        HookCleanup();
        var script = exec
            ? "ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; exec \"$@\" >\"$SIPLOAD_OUT\" 2>\"$SIPLOAD_ERR\""
            : "ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; \"$@\" >\"$SIPLOAD_OUT\" 2>\"$SIPLOAD_ERR\"; rc=$?; times >\"$SIPLOAD_TIMES\"; exit $rc";
        var start = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            WorkingDirectory = workDirectory,
            RedirectStandardInput = true, // SIPp reads keys from a terminal; it gets none
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("bash");
        foreach (var part in command)
            start.ArgumentList.Add(part);
        start.Environment["SIPLOAD_OUT"] = stdoutFile;
        start.Environment["SIPLOAD_ERR"] = stderrFile;
        start.Environment["SIPLOAD_TIMES"] = timesFile ?? "/dev/null";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command[0]}");
        lock (StartedLock)
            Started.Add(process);
        return process;
    }

    /// <summary>Waits for the process to exit, at most <paramref name="limit"/>; kills it (and its children) after that.</summary>
    /// <returns>The exit code, or null when it had to be killed.</returns>
    public static int? WaitOrKill(Process process, TimeSpan limit)
    {
        if (process.WaitForExit(limit))
        {
            process.WaitForExit();
            return process.ExitCode;
        }
        Kill(process);
        return null;
    }

    /// <summary>Asks the process to stop (SIGTERM: <c>vmc serve</c> stops gracefully), then kills it after <paramref name="grace"/>.</summary>
    public static void Terminate(Process process, TimeSpan grace)
    {
        if (process.HasExited)
            return;
        _ = SendSignal(process.Id, 15);
        if (!process.WaitForExit(grace))
            Kill(process);
    }

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    /// <summary>Kills every process this run started that is still running.</summary>
    public static void KillAll()
    {
        Process[] all;
        lock (StartedLock)
            all = [.. Started];
        foreach (var process in all)
            Kill(process);
    }

    private static void HookCleanup()
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 1)
            return;
        Console.CancelKeyPress += (_, _) => KillAll();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    /// <summary>User + system CPU time of a running process, in milliseconds (all its threads; /proc/&lt;pid&gt;/stat).</summary>
    public static double CpuMilliseconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name is in parentheses and may hold spaces: the fields after it start with the state (field 3).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000.0 / ClockTicksPerSecond;
    }

    /// <summary>
    /// CPU time in ms of a .NET process's threads by kind, read from /proc/&lt;pid&gt;/task: the media clock's thread,
    /// the thread pool's workers, the socket engine (epoll) threads, and the other live threads.
    /// </summary>
    public static Dictionary<string, double> ThreadCpuMilliseconds(int pid)
    {
        var byKind = new Dictionary<string, double>(StringComparer.Ordinal) { ["media clock"] = 0, ["thread pool"] = 0, ["socket engine"] = 0, ["other threads"] = 0 };
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var kind = name.StartsWith("CallFlow media", StringComparison.Ordinal) ? "media clock"
                    : name.StartsWith(".NET TP Worker", StringComparison.Ordinal) ? "thread pool"
                    : name.StartsWith(".NET Socket", StringComparison.Ordinal) ? "socket engine"
                    : "other threads";
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                byKind[kind] += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 1000.0 / ClockTicksPerSecond;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the thread ended meanwhile
            }
        }
        return byKind;
    }

    /// <summary>The first child of <paramref name="pid"/> (the command a bash started and waits for), or null.</summary>
    public static int? ChildProcessId(int pid)
    {
        try
        {
            var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Length == 0 ? null : int.Parse(children[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Resident memory of a running process in MB (VmRSS), or null when it cannot be read.</summary>
    public static double? ResidentMegabytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        catch (IOException)
        {
        }
        return null;
    }

    /// <summary>The children's user + system CPU time in milliseconds from bash's <c>times</c> output (its second line).</summary>
    public static double? ChildrenCpuMilliseconds(string timesFile)
    {
        if (!File.Exists(timesFile))
            return null;
        var lines = File.ReadAllLines(timesFile);
        if (lines.Length < 2)
            return null;
        var total = 0.0;
        foreach (Match match in TimesPattern().Matches(lines[1]))
            total += (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 60 + double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)) * 1000;
        return total;
    }

    [GeneratedRegex(@"(\d+)m([\d.]+)s")]
    private static partial Regex TimesPattern();

    /// <summary>A loopback port free for both UDP and TCP now.</summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException("no free loopback port");
    }

    /// <summary>An even UDP port above 50000 with the next even one free too (SIPp binds its media port and media port + 2).</summary>
    public static int FreeMediaPort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = 50000 + 2 * Random.Shared.Next(0, 7000);
            try
            {
                using var audio = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                using var video = new UdpClient(new IPEndPoint(IPAddress.Loopback, port + 2));
                return port;
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException("no free media port pair");
    }

    private static readonly long ClockTicksPerSecond = OperatingSystem.IsLinux() ? Math.Max(1, SystemConfiguration(2 /* _SC_CLK_TCK */)) : 100;

    // DllImport as the repository's other libc calls: blittable arguments, no marshalling to generate.
    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SystemConfiguration(int name);

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}
