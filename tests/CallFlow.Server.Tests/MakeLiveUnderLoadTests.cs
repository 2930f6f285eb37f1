using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Mailbox;
using Xunit.Abstractions;

namespace CallFlow.Server.Tests;

/// <summary>
/// Make-live under load: SIPp keeps up to 40 calls going (each talking for a few seconds while the flow records it)
/// while new versions of the flow are published one after another, as <c>vmc make-live</c> publishes them
/// (<see cref="Runtime.Hosting.Live.ProgramRepository.Publish"/> into the server's data directory). The two versions
/// record into different mailboxes (Alpha, Beta), so every call's recording says which version it ran. No call may fail
/// or be ended by the server, new calls must follow the live version, and calls in progress must finish on the version
/// they started on.
/// </summary>
[Collection("SIP")]
public sealed class MakeLiveUnderLoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Calls = 200;
    private const int AtOnce = 40;
    private const int HoldMilliseconds = 4000;
    private const string ShortCode = "*55";

    // Versions are published this far apart, so that a call (about 4.5 s) often lives across a switch.
    private static readonly TimeSpan PublishEvery = TimeSpan.FromSeconds(4);

    private LoopbackServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync("make-live-load", port => $$"""
            {
              "groups": [ { "name": "Alpha", "extension": "8801" }, { "name": "Beta", "extension": "8802" } ],
              "server": { "sip_port": {{port}}, "http_port": 0, "rtp_port_min": 39000, "rtp_port_max": 39399, "max_calls": 100,
                          "shutdown_grace_seconds": 2 }
            }
            """, [Source("Alpha")], captureLog: false);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Publishing_while_calls_run_drops_no_call_and_each_call_keeps_the_version_it_started_on()
    {
        var first = _server.Host.Live.Current!.Value.Version.Number;
        // Each switch, bracketed by polling: it happened after From (a look that still saw the old version, or the
        // publication) and by To (the first look that saw the new one). The first version is live from the start.
        var switches = new List<(DateTimeOffset From, DateTimeOffset To, string Mailbox)> { (DateTimeOffset.MinValue, DateTimeOffset.MinValue, "Alpha") };
        using var stopSipp = new CancellationTokenSource();
        var sipp = SippAsync(stopSipp.Token);

        var published = 0;
        try
        {
            await PublishWhileRunningAsync();
        }
        catch
        {
            await stopSipp.CancelAsync(); // no SIPp left calling a stopped server
            throw;
        }

        async Task PublishWhileRunningAsync()
        {
            while (published < 10)
            {
                if (await Task.WhenAny(sipp, Task.Delay(PublishEvery)) == sipp)
                    break;
                var mailbox = published % 2 == 0 ? "Beta" : "Alpha";
                var from = DateTimeOffset.UtcNow;
                var version = _server.Host.Repository.Publish(Flow(mailbox));
                published++;
                // The server looks for a new version every second; wait until it is live (bounded).
                var waited = Stopwatch.StartNew();
                while (true)
                {
                    var before = DateTimeOffset.UtcNow;
                    if (_server.Host.Live.Current?.Version.FileName == version.FileName)
                    {
                        switches.Add((from, DateTimeOffset.UtcNow, mailbox));
                        break;
                    }
                    from = before;
                    Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"version {version} did not go live within 15 s");
                    await Task.Delay(20);
                }
            }
        }

        var (exit, screen) = await sipp;
        Assert.True(exit == 0, $"SIPp exit {exit}: some calls failed\n{screen}");
        Assert.True(published >= 3, $"only {published} versions were published while the calls ran\n{screen}");
        for (var i = 0; i < 100 && (_server.Host.Admission.Active > 0 || _server.Sip.Dialogs > 0); i++)
            await Task.Delay(100);
        Assert.Equal(0, _server.Host.Admission.Active);
        Assert.Equal(0, _server.Sip.Dialogs);
        Assert.Equal(Calls, _server.Host.Metrics.CallsStarted);
        Assert.Equal(0, _server.Host.Metrics.CallsRefused);
        Assert.Equal(0, _server.Host.Metrics.CallsFaulted);
        Assert.Equal(first + published, _server.Host.Live.Current!.Value.Version.Number);

        // Every call hung up normally (SIPp sent the BYE, so the server never ended one) and left its recording.
        var alpha = await _server.Host.Store.ListMessagesAsync("Alpha", MessageState.New);
        var beta = await _server.Host.Store.ListMessagesAsync("Beta", MessageState.New);
        var messages = alpha.Concat(beta).ToDictionary(m => m.CallerNumber ?? "", StringComparer.Ordinal);
        Assert.Equal(Calls, alpha.Count + beta.Count);
        Assert.Equal(Calls, messages.Count);
        Assert.All(messages.Values, m => Assert.True(m.Duration >= TimeSpan.FromSeconds(1), $"{m.CallerNumber}'s recording lasted only {m.Duration.TotalSeconds:F2} s"));
        Assert.NotEmpty(alpha);
        Assert.NotEmpty(beta);

        // A call takes the live version when it is admitted: between SIPp sending its INVITE and receiving the 200. When
        // no switch falls in that window the version is known, and the call must have recorded into its mailbox, also
        // when it was still talking at a later switch.
        var calls = SippCalls(Path.Combine(_server.DataDirectory, "make-live-messages.log"));
        Assert.Equal(Calls, calls.Count);
        var judged = 0;
        var spanning = 0;
        foreach (var call in calls)
        {
            Assert.True(messages.TryGetValue(call.Caller, out var message), $"no recording for call {call.Caller}");
            if (switches.Any(s => s.From <= call.Answered && s.To >= call.Invited))
                continue;
            var version = switches.Last(s => s.To < call.Invited);
            judged++;
            Assert.True(version.Mailbox == message.Mailbox,
                $"call {call.Caller} was admitted between {call.Invited:HH:mm:ss.fff} and {call.Answered:HH:mm:ss.fff}, when {version.Mailbox}'s version was live, " +
                $"but recorded into {message.Mailbox}; switches: {string.Join(", ", switches.Skip(1).Select(s => $"{s.Mailbox} {s.From:HH:mm:ss.fff}-{s.To:HH:mm:ss.fff}"))}");
            if (switches.Any(s => s.From > call.Answered && s.To < call.HungUp))
                spanning++;
        }
        output.WriteLine($"{published} versions published under load; Alpha {alpha.Count} and Beta {beta.Count} recordings; " +
            $"{judged} calls admitted clear of a switch ran the version live then, {spanning} of them still talking across a later switch");
        Assert.True(judged >= Calls / 2, $"only {judged} calls were admitted clear of a switch");
        Assert.True(spanning > 0, "no call was in progress across a switch");
    }

    /// <summary>
    /// Each call of SIPp's message log (-trace_msg): the caller number it sent, when its first INVITE left, when the
    /// first 200 to it arrived, when its BYE left.
    /// </summary>
    private static List<(string Caller, DateTimeOffset Invited, DateTimeOffset Answered, DateTimeOffset HungUp)> SippCalls(string log)
    {
        var calls = new Dictionary<string, (string Caller, DateTimeOffset? Invited, DateTimeOffset? Answered, DateTimeOffset? HungUp)>(StringComparer.Ordinal);
        const string Separator = "-----------------------------------------------";
        foreach (var block in File.ReadAllText(log).Split(Separator, StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            // " 2026-11-23 18:56:53.985024" (local time), then "UDP message sent ..." or "... received ...", then the message.
            if (lines.Length < 4 || !DateTimeOffset.TryParseExact(lines[0].Trim(), "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeLocal, out var at))
                continue;
            var sent = lines[1].Contains("sent", StringComparison.Ordinal);
            var message = lines.Skip(2).SkipWhile(l => l.Length == 0).ToArray();
            if (message.Length == 0)
                continue;
            string? Header(string name) => message.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
            var callId = Header("Call-ID");
            var cseq = Header("CSeq") ?? "";
            if (callId is null)
                continue;
            var call = calls.GetValueOrDefault(callId);
            if (sent && message[0].StartsWith("INVITE ", StringComparison.Ordinal) && call.Invited is null)
            {
                var from = Header("From") ?? "";
                var user = from[(from.IndexOf("sip:", StringComparison.Ordinal) + 4)..];
                call = (user[..user.IndexOf('@', StringComparison.Ordinal)], at, null, null);
            }
            else if (!sent && message[0].StartsWith("SIP/2.0 200", StringComparison.Ordinal) && cseq.EndsWith("INVITE", StringComparison.Ordinal) && call.Answered is null)
                call.Answered = at;
            else if (sent && message[0].StartsWith("BYE ", StringComparison.Ordinal) && call.HungUp is null)
                call.HungUp = at;
            calls[callId] = call;
        }
        return [.. calls.Values.Where(c => c.Invited is not null && c.Answered is not null && c.HungUp is not null)
            .Select(c => (c.Caller, c.Invited!.Value, c.Answered!.Value, c.HungUp!.Value))];
    }

    /// <summary>The flow of one version: record the caller (no tone) into <paramref name="mailbox"/> until they hang up.</summary>
    private static SourceText Source(string mailbox) =>
        new("load.vflow", $$"""
            start shortcode "{{ShortCode}}" {
                listen "{{mailbox}}" { max_length 60s; beep false } -> disconnect
            }
            """);

    /// <summary>That version compiled, as vmc make-live publishes it.</summary>
    private static byte[] Flow(string mailbox) =>
        Compilation.Create([Source(mailbox)]).Emit() ?? throw new InvalidOperationException("the flow does not compile");

    /// <summary>
    /// The calls, as one SIPp: the tail of what it printed and of its error log, for 200 calls make too much to read.
    /// </summary>
    private async Task<(int Exit, string Output)> SippAsync(CancellationToken stop)
    {
        var sipp = new SippProcess { WorkingDirectory = _server.DataDirectory, Timeout = TimeSpan.FromSeconds(90), ServerPort = _server.Port, MediaPort = LoopbackPorts.FreeMediaPort() };
        var (exit, output) = await sipp.RunAsync(
            [
                "-sf", Path.Combine(AppContext.BaseDirectory, "Sipp", "make-live-caller.xml"), "-s", ShortCode, "-mi", "127.0.0.1",
                "-m", Invariant(Calls), "-l", Invariant(AtOnce), "-r", "20", "-rp", "1000", "-d", Invariant(HoldMilliseconds),
                "-error_file", "make-live-errors.log", "-trace_msg", "-message_file", "make-live-messages.log",
            ], stop);
        var errors = Path.Combine(_server.DataDirectory, "make-live-errors.log");
        var log = File.Exists(errors) ? string.Join("\n", File.ReadLines(errors).TakeLast(20)) : "";
        return (exit, $"{string.Join("\n", output.Split('\n').TakeLast(40))}\n{log}");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
