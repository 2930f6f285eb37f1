using System.Net;
using System.Net.Sockets;
using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Configuration;
using CallFlow.Runtime.Channels.Scripted;
using CallFlow.Runtime.Evaluation;
using CallFlow.Runtime.Hosting;
using CallFlow.Runtime.Vm;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallFlow.Server.Tests;

/// <summary>The server: health and metrics, picking up make-live, refusing calls over the limit or while stopping,
/// and letting calls in progress finish on shutdown.</summary>
public sealed class ServerHostTests : IAsyncDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("callflow-server-");
    private readonly ServerHost _server;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public ServerHostTests()
    {
        var configuration = ConfigurationLoader.Parse($$"""
            {
              "users": [ { "name": "Alice", "extension": "201" } ],
              "server": { "http_port": {{FreePort()}}, "max_calls": 2, "shutdown_grace_seconds": 5 }
            }
            """, "callflow.json").Configuration!;
        _server = new ServerHost(configuration, _data.FullName, NullLoggerFactory.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        _data.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static byte[] Program(string text) =>
        Compilation.Create([new SourceText("main.vflow", $"start shortcode \"*1\" {{\n    speak_text \"{text}\" -> disconnect\n}}\n")]).Emit()!;

    private (CallSession, CallContext, LoadedProgram)? Start() =>
        _server.TryStartCall(new ScriptedChannel(CallPlan.Parse("call from 201 to *1", "t").Plan!, new System.Text.StringBuilder(), CallPlan.DefaultStart),
            new CallInfo("201", null, CallType.Leave), new CallState(new CallVariables(new UserVariables(), TimeZoneInfo.Utc, CallPlan.DefaultStart), "en"));

    [Fact]
    public async Task Health_says_when_nothing_is_live_and_then_which_version_is()
    {
        await _server.StartAsync();
        var response = await _http.GetAsync(_server.HealthUrl);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("no-program", await response.Content.ReadAsStringAsync());
        Assert.Null(Start());   // no program, no call

        _server.Repository.Publish(Program("hello"));
        for (var i = 0; i < 50 && _server.Live.Current is null; i++)
            await Task.Delay(100);  // the server looks every second
        response = await _http.GetAsync(_server.HealthUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"live\":\"v1 (", await response.Content.ReadAsStringAsync());
        var metrics = await _http.GetStringAsync(new Uri(_server.HealthUrl!, "/metrics"));
        Assert.Contains("callflow_live_version 1", metrics);
    }

    [Fact]
    public async Task Calls_over_the_limit_are_refused_and_a_call_runs_on_the_live_program()
    {
        _server.Repository.Publish(Program("hello"));
        await _server.StartAsync();
        var first = Start();
        var second = Start();
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(Start());
        var final = await first.Value.Item1.RunAsync("Short Codes.*1");
        Assert.Equal(EndReason.Disconnected, final.EndReason);
        _server.EndCall(final);
        Assert.NotNull(Start());
        Assert.Equal(1, _server.Metrics.CallsRefused);
    }

    [Fact]
    public async Task Stopping_refuses_new_calls_and_waits_for_calls_in_progress()
    {
        _server.Repository.Publish(Program("hello"));
        await _server.StartAsync();
        Assert.NotNull(Start());
        var stop = _server.StopAsync();
        await Task.Delay(200);
        Assert.False(stop.IsCompleted);            // the call is still in progress
        Assert.Null(Start());                       // and nobody new gets in
        _server.EndCall(new Step(ExecutionState.Completed, null, EndReason.Disconnected, null));
        await stop.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
