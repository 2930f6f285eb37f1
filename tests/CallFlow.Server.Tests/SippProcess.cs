using System.Diagnostics;
using System.Globalization;

namespace CallFlow.Server.Tests;

/// <summary>
/// One SIPp (Debian sip-tester) run on loopback, started the same way by every SIP test: on 127.0.0.1 with a signalling
/// port of its own, no keyboard, every SIPp timeout bounded and counted as a failure, so a lost message fails the run
/// instead of hanging the test; and killed if it still runs well after that, so no SIPp outlives its test.
/// </summary>
internal sealed class SippProcess
{
    /// <summary>How long SIPp may outlive its own -timeout before it is killed: room for a loaded machine.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    /// <summary>Where SIPp runs and leaves its logs.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>SIPp's -timeout: it gives up and fails after this long.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>The SIP port on 127.0.0.1 that SIPp calls; null for a UAS, which waits to be called.</summary>
    public int? ServerPort { get; init; }

    /// <summary>SIPp's own SIP port: fixed for a UAS the server calls (server.pbx_address); otherwise a free one.</summary>
    public int? LocalPort { get; init; }

    /// <summary>SIPp's -mp, given by a test that watches it or needs it free; null leaves SIPp's own.</summary>
    public int? MediaPort { get; init; }

    /// <summary>SIPp's -l (calls at once), unless the arguments give it.</summary>
    public int Limit { get; init; } = 1;

    /// <summary>
    /// SIPp as a peer of a server that also places calls, in a new folder of its own below <paramref name="data"/> so
    /// that runs side by side keep their logs apart: a caller to <paramref name="serverPort"/>, or with
    /// <paramref name="pbxPort"/> the PBX that the server calls there (server.pbx_address), a UAS. Up to two calls at
    /// once, 60 s before it gives up.
    /// </summary>
    public static SippProcess Peer(string data, string role, int serverPort, int? pbxPort) => new()
    {
        WorkingDirectory = Directory.CreateDirectory(Path.Combine(data, role + "-" + Guid.NewGuid().ToString("N")[..6])).FullName,
        Timeout = TimeSpan.FromSeconds(60),
        ServerPort = pbxPort is null ? serverPort : null,
        LocalPort = pbxPort,
        MediaPort = LoopbackPorts.FreeMediaPort(),
        Limit = 2,
    };

    /// <summary>
    /// Runs SIPp with the scenario and options in <paramref name="arguments"/> (one call, -m 1, unless they give -m) and
    /// returns its exit code with everything it printed and its error logs. <paramref name="stop"/> kills it early.
    /// </summary>
    public async Task<(int Exit, string Output)> RunAsync(IReadOnlyList<string> arguments, CancellationToken stop = default)
    {
        var start = new ProcessStartInfo("sipp")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory,
        };
        foreach (var argument in Arguments(arguments))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("sipp did not start: install sip-tester");
        using var kill = stop.Register(() => process.Kill(entireProcessTree: true));
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var killed = "";
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeout + Grace);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            killed = $"\nSIPp was killed: still running {(Timeout + Grace).TotalSeconds:0} s after it started";
        }
        var errors = Directory.EnumerateFiles(WorkingDirectory, "*_errors.log").Select(File.ReadAllText);
        return (process.ExitCode, $"{await output}\n{await error}\n{string.Join("\n", errors)}{killed}");
    }

    private List<string> Arguments(IReadOnlyList<string> arguments)
    {
        List<string> all = [];
        if (ServerPort is { } server)
            all.Add($"127.0.0.1:{server}");
        all.AddRange(arguments);
        all.AddRange(["-i", "127.0.0.1", "-p", Invariant(LocalPort ?? LoopbackPorts.FreeUdpAndTcpPort())]);
        if (MediaPort is { } media)
            all.AddRange(["-mp", Invariant(media)]);
        all.AddRange(["-nostdin", "-timeout", $"{Invariant((int)Timeout.TotalSeconds)}s", "-timeout_error", "-trace_err"]);
        if (!arguments.Contains("-m"))
            all.AddRange(["-m", "1"]);
        if (!arguments.Contains("-l"))
            all.AddRange(["-l", Invariant(Limit)]);
        return all;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
