using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CallFlow.Compiler.Tests.Cli;

/// <summary>
/// `vmc serve` run as its own process restarts itself once, in the same process, with the garbage collector's small
/// budgets in its environment (docs/configuration.md), keeps an operator's own values, and can be told to leave the
/// runtime's defaults. Linux only: elsewhere it serves as it was started.
/// </summary>
public sealed class ServeRuntimeSettingsTests
{
    [Fact]
    public async Task Serve_runs_with_small_collection_budgets_in_the_same_process()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var environment = await ServeEnvironment([]);
        Assert.Equal("0x300000", environment.GetValueOrDefault("DOTNET_GCgen0size"));
        Assert.Equal("0x300000", environment.GetValueOrDefault("DOTNET_GCGen0MaxBudget"));
        Assert.Equal("0x100000", environment.GetValueOrDefault("DOTNET_GCGen1MaxBudget"));
        Assert.Equal("kept", environment.GetValueOrDefault("CALLFLOW_TEST_MARK")); // the rest of the environment is kept
    }

    [Fact]
    public async Task An_operators_own_setting_or_the_opt_out_leaves_the_environment_alone()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var own = await ServeEnvironment([("DOTNET_GCgen0size", "0x800000")]);
        Assert.Equal("0x800000", own.GetValueOrDefault("DOTNET_GCgen0size"));
        Assert.False(own.ContainsKey("DOTNET_GCGen1MaxBudget"));

        var optedOut = await ServeEnvironment([("CALLFLOW_GC_BUDGETS", "default")]);
        Assert.False(optedOut.ContainsKey("DOTNET_GCgen0size"));
    }

    /// <summary>Starts vmc serve on free loopback ports, reads its environment from /proc once it is healthy, stops it.</summary>
    private static async Task<Dictionary<string, string>> ServeEnvironment((string Name, string Value)[] extra)
    {
        var data = Directory.CreateTempSubdirectory("callflow-serve-gc-");
        try
        {
            var (sip, http) = (FreePort(SocketType.Dgram, ProtocolType.Udp), FreePort(SocketType.Stream, ProtocolType.Tcp));
            var config = Path.Combine(data.FullName, "callflow.json");
            await File.WriteAllTextAsync(config,
                $$"""{ "server": { "sip_port": {{sip}}, "transports": ["udp"], "http_port": {{http}}, "rtp_port_min": 47000, "rtp_port_max": 47099, "shutdown_grace_seconds": 0 } }""");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepositoryPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "vmc.dll"), "serve", "samples", "--config", config, "--data", Path.Combine(data.FullName, "data") })
                start.ArgumentList.Add(argument);
            foreach (var name in new[] { "DOTNET_GCgen0size", "DOTNET_GCGen0MaxBudget", "DOTNET_GCGen1MaxBudget", "CALLFLOW_GC_BUDGETS" })
                start.Environment.Remove(name);
            start.Environment["CALLFLOW_TEST_MARK"] = "kept";
            foreach (var (name, value) in extra)
                start.Environment[name] = value;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            try
            {
                using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
                var healthy = false;
                for (var i = 0; i < 300 && !healthy && !process.HasExited; i++)
                {
                    try
                    {
                        healthy = (await client.GetAsync($"http://127.0.0.1:{http}/health")).IsSuccessStatusCode;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        await Task.Delay(100);
                    }
                }
                Assert.True(healthy, $"vmc serve did not become healthy (exited: {process.HasExited})");
                // The process that answers is the one started: a re-execution keeps the process id.
                var environment = (await File.ReadAllTextAsync($"/proc/{process.Id}/environ")).Split('\0', StringSplitOptions.RemoveEmptyEntries)
                    .Select(entry => entry.Split('=', 2)).Where(pair => pair.Length == 2)
                    .GroupBy(pair => pair[0]).ToDictionary(group => group.Key, group => group.Last()[1]);
                return environment;
            }
            finally
            {
                if (!process.HasExited)
                    process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                _ = await output;
                _ = await error;
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
