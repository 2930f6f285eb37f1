using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Configuration;
using CallFlow.Server.Sip;
using CallFlow.Sip.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallFlow.Server.Tests;

/// <summary>
/// The torture run: every RFC 4475 message, and thousands of mutated and random ones, sent to the running server over
/// UDP and TCP; afterwards it must still answer OPTIONS on both. Odd messages are only ever sent inside a private
/// network namespace (unshare -n, loopback up), so whatever the server might send back cannot leave the machine: the
/// outer test re-runs itself there.
/// </summary>
[Collection("SIP")]
public sealed class TortureRunTests
{
    private const string InsideVariable = "CALLFLOW_TORTURE_NETNS";

    [Fact]
    public async Task After_the_torture_run_the_server_still_answers_OPTIONS()
    {
        if (Environment.GetEnvironmentVariable(InsideVariable) == "1")
        {
            await RunTortureAsync();
            return;
        }
        // Outside: run this very test again in a fresh network namespace and require it to pass there.
        var dll = typeof(TortureRunTests).Assembly.Location;
        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-n", "sh", "-c", $"ip link set lo up && exec dotnet test \"{dll}\" --filter FullyQualifiedName~TortureRunTests" })
            start.ArgumentList.Add(argument);
        start.Environment[InsideVariable] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(process.ExitCode == 0, $"the torture run in a network namespace failed (is unshare allowed here?):\n{await output}\n{await error}");
        Assert.Contains("Passed!", await output);
    }

    private static async Task RunTortureAsync()
    {
        var data = Directory.CreateTempSubdirectory("callflow-torture-");
        var port = 5060;
        var configuration = ConfigurationLoader.Parse($$"""
            { "server": { "sip_port": {{port}}, "http_port": 0, "rtp_port_min": 34000, "rtp_port_max": 34199 } }
            """, "callflow.json").Configuration!;
        await using var server = new ServerHost(configuration, data.FullName, NullLoggerFactory.Instance);
        server.Repository.Publish(Compilation.Create([new SourceText("main.vflow", "start shortcode \"*1\" {\n    speak_text \"hi\" -> disconnect\n}\n")]).Emit()!);
        await server.StartAsync();
        await using var sip = new SipFrontEnd(server, configuration);
        sip.Start();
        var target = new IPEndPoint(IPAddress.Loopback, port);

        var messages = TortureCorpus.Names.Select(TortureCorpus.Load).ToList();
        var random = new Random(4475);
        var mutated = new List<byte[]>();
        foreach (var message in messages)
        {
            for (var i = 0; i < 20; i++)
            {
                var copy = (byte[])message.Clone();
                for (var flips = random.Next(1, 8); flips > 0; flips--)
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                mutated.Add(random.Next(4) == 0 ? copy[..random.Next(copy.Length)] : copy);
            }
        }
        for (var i = 0; i < 500; i++)
        {
            var garbage = new byte[random.Next(1, 2000)];
            random.NextBytes(garbage);
            mutated.Add(garbage);
        }

        using (var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            foreach (var message in messages.Concat(mutated))
                await udp.SendAsync(message, target);
        }
        // TCP: the whole corpus on one connection (the framer must survive or close it), then each message on its own.
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(target);
            var stream = tcp.GetStream();
            try
            {
                foreach (var message in messages.Concat(mutated.Take(300)))
                    await stream.WriteAsync(message);
            }
            catch (IOException)
            {
                // The server closed a connection that fell out of step: allowed.
            }
        }
        foreach (var message in messages)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(target);
            try
            {
                await tcp.GetStream().WriteAsync(message);
            }
            catch (IOException)
            {
            }
        }

        Assert.True(await OptionsOverUdpAsync(target), "no 200 to OPTIONS over UDP after the torture run");
        Assert.True(await OptionsOverTcpAsync(target), "no 200 to OPTIONS over TCP after the torture run");
        await server.StopAsync();
        data.Delete(recursive: true);
    }

    private static byte[] Options(string transport, int localPort) => Encoding.ASCII.GetBytes(
        $"OPTIONS sip:callflow@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/{transport} 127.0.0.1:{localPort};branch=z9hG4bK{Guid.NewGuid():N};rport\r\n" +
        $"Max-Forwards: 70\r\nFrom: <sip:test@127.0.0.1>;tag=t1\r\nTo: <sip:callflow@127.0.0.1>\r\nCall-ID: {Guid.NewGuid():N}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");

    private static async Task<bool> OptionsOverUdpAsync(IPEndPoint target)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await udp.SendAsync(Options("UDP", local), target);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                var reply = await udp.ReceiveAsync(timeout.Token);
                if (Encoding.ASCII.GetString(reply.Buffer).StartsWith("SIP/2.0 200", StringComparison.Ordinal))
                    return true;
            }
            catch (OperationCanceledException)
            {
            }
        }
        return false;
    }

    private static async Task<bool> OptionsOverTcpAsync(IPEndPoint target)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(target);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Options("TCP", ((IPEndPoint)tcp.Client.LocalEndPoint!).Port));
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("SIP/2.0 200", StringComparison.Ordinal);
    }
}
