using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CallFlow.Audio;
using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Configuration;
using CallFlow.Server.Sip;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallFlow.Server.Tests;

/// <summary>
/// The CallFlow server as `vmc serve` runs it, on loopback for one test class: the test's flows (often the samples)
/// live, a configuration given as JSON with the SIP port filled in, SIP answering on that port, and the server's log
/// kept for assertion messages. Also runs SIPp against it.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly DirectoryInfo _data;

    private LoopbackServer(DirectoryInfo data, LogCapture log, ServerHost host, SipFrontEnd sip, int port)
    {
        _data = data;
        Log = log;
        Host = host;
        Sip = sip;
        Port = port;
    }

    /// <summary>The server, its store and prompts.</summary>
    public ServerHost Host { get; }

    /// <summary>The SIP front end.</summary>
    public SipFrontEnd Sip { get; }

    /// <summary>SIP port (UDP and TCP) on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The data directory (a fresh temporary one); SIPp runs here and leaves its logs here.</summary>
    public string DataDirectory => _data.FullName;

    /// <summary>What the server logged so far; nothing when it was started with captureLog false.</summary>
    public LogCapture Log { get; }

    /// <summary>
    /// Starts a server with the configuration <paramref name="configuration"/> makes of the SIP port, running
    /// <paramref name="flows"/> (<see cref="Samples"/> for the sample company).
    /// </summary>
    /// <param name="name">Names the temporary data directory.</param>
    /// <param name="captureLog">False for a server that logs nowhere, as the test classes that never read its log ran it.</param>
    /// <param name="frontEnd">Makes the SIP front end, for a test that sets its init-only parts (such as its alarm clock).</param>
    public static async Task<LoopbackServer> StartAsync(string name, Func<int, string> configuration, IEnumerable<SourceText> flows, bool captureLog = true,
        Func<ServerHost, CallFlowConfiguration, SipFrontEnd>? frontEnd = null)
    {
        var data = Directory.CreateTempSubdirectory($"callflow-{name}-");
        ServerHost? host = null;
        try
        {
            var port = LoopbackPorts.FreeUdpAndTcpPort();
            var parsed = ConfigurationLoader.Parse(configuration(port), "callflow.json");
            var settings = parsed.Configuration ?? throw new InvalidOperationException("the test configuration has errors");
            var log = new LogCapture();
            host = new ServerHost(settings, data.FullName, captureLog ? log : NullLoggerFactory.Instance);
            var compilation = Compilation.Create(flows);
            host.Repository.Publish(compilation.Emit() ?? throw new InvalidOperationException("the flows do not compile:\n" + string.Join("\n", compilation.Diagnostics)));
            await host.StartAsync();
            var sip = frontEnd?.Invoke(host, settings) ?? new SipFrontEnd(host, settings);
            sip.Start();
            return new LoopbackServer(data, log, host, sip, port);
        }
        catch
        {
            if (host is not null)
                await host.DisposeAsync();
            data.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Waits (at most <paramref name="bound"/>) until no call is in progress; false if one still is.</summary>
    public async Task<bool> IdleAsync(TimeSpan bound)
    {
        var deadline = Stopwatch.StartNew();
        while (Host.Admission.Active > 0 || Sip.Dialogs > 0)
        {
            if (deadline.Elapsed > bound)
                return false;
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>
    /// Runs SIPp against the server in <see cref="DataDirectory"/> (one call at a time unless the arguments say
    /// otherwise), its media on <paramref name="mediaPort"/>, giving up after <paramref name="bound"/>.
    /// </summary>
    public Task<(int Exit, string Output)> SippAsync(int mediaPort, TimeSpan bound, params string[] arguments) =>
        new SippProcess { WorkingDirectory = DataDirectory, Timeout = bound, ServerPort = Port, MediaPort = mediaPort }.RunAsync(arguments);

    /// <summary>The audio of a stored message: the samples of its WAV file, which the store keeps as 8 kHz mono µ-law.</summary>
    public async Task<(AudioFormat Format, byte[] Samples)> MessageAudioAsync(string messageId)
    {
        using var playback = await Host.Store.OpenPlaybackAsync(messageId) ?? throw new InvalidOperationException($"message {messageId} is not in the store");
        await using var stream = playback.OpenAudio();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        var file = copy.ToArray();
        var wav = WavReader.Read(file);
        return (wav.Format, wav.GetData(file).ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        await Sip.DisposeAsync();
        await Host.DisposeAsync();
        _data.Delete(recursive: true);
    }

    /// <summary>A scenario file copied beside the tests (Sipp/*.xml).</summary>
    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Sipp", name);

    /// <summary>The sample company's flows (samples/**/*.vflow), named as vmc names them: relative to the repository.</summary>
    public static IEnumerable<SourceText> Samples() =>
        Directory.EnumerateFiles(RepositoryPaths.Combine("samples"), "*.vflow", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => new SourceText(Path.GetRelativePath(RepositoryPaths.Root, f), File.ReadAllText(f)));
}
