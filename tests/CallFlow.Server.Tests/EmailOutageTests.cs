using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CallFlow.Compiler;
using CallFlow.Configuration;
using CallFlow.Mailbox;
using CallFlow.Server.Sip;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using Xunit.Abstractions;

namespace CallFlow.Server.Tests;

/// <summary>
/// Voicemail e-mail through the whole server while the mail server is down (docs/email.md, "The invariants"): SIP
/// callers (SIPp, all at once) leave messages in a Copy-mode mailbox whose SMTP sender points at a loopback port
/// where nothing listens; every call takes its scenario's length and ends after the # as quickly as the same call to a
/// mailbox without e-mail; once Debian's aiosmtpd is started on that port, every e-mail arrives exactly once with its
/// WAV, also across a server restart, and nothing is left waiting in the outbox. The server is <see cref="ServerHost"/> with <see cref="SipFrontEnd"/>, started and stopped as
/// <c>vmc serve</c> does, on the sample company's flows. Retries are 1-2 s apart so the test runs in well under a minute.
/// </summary>
[Collection("SIP")]
public sealed partial class EmailOutageTests(ITestOutputHelper testOutput) : IAsyncLifetime
{
    // The scenario's own length from the INVITE to the #: its pauses (Sipp/leave-message-timed.xml). After the # the
    // sample flow commits the message and says goodbye, the same for every mailbox.
    private const int ScenarioMilliseconds = 500 + 5000 + 9000;

    // How much longer than a call to a mailbox without e-mail a call to Alice's may take after the #, under the same
    // load (the spread measured on the shared 2-core machine stays under 0.5 s). Waiting on the mail server would cost a
    // refused connection (at once here), the retry delays (1 s, then 2 s), or timeout_seconds (3 s) with a server that
    // does not answer.
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(1000);

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("callflow-email-outage-");
    private readonly List<Process> _processes = [];
    private CallFlowConfiguration _configuration = null!;
    private ServerHost? _server;
    private SipFrontEnd? _sip;
    private int _sipPort;
    private int _smtpPort;

    public async Task InitializeAsync()
    {
        _sipPort = LoopbackPorts.FreeUdpAndTcpPort();
        _smtpPort = LoopbackPorts.FreeTcpPort(); // free now, and nothing is started on it until the test says so
        _configuration = ConfigurationLoader.Parse($$"""
            {
              "system": { "min_message_length": 1 },
              "users": [ { "name": "Alice", "extension": "201", "email": "alice@acme.example", "email_mode": "copy" },
                         { "name": "Bob", "extension": "202" } ],
              "groups": [ { "name": "Reception", "extension": "200" }, { "name": "Sales", "extension": "300" },
                          { "name": "Support", "extension": "301" }, { "name": "Warehouse", "extension": "302" } ],
              "server": { "sip_port": {{_sipPort}}, "http_port": 0, "rtp_port_min": 35000, "rtp_port_max": 35999, "shutdown_grace_seconds": 2 },
              "email": {
                "senders": [ { "domains": ["acme.example"], "host": "127.0.0.1", "port": {{_smtpPort}}, "sender": "voicemail@acme.example" } ],
                "retry": { "attempts": 100, "first_delay_seconds": 1, "max_delay_seconds": 2 },
                "timeout_seconds": 3
              }
            }
            """, Path.Combine(_data.FullName, "callflow.json")).Configuration!;
        await StartServerAsync(Compilation.Create(LoopbackServer.Samples()).Emit()!);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await StopServerAsync();
        }
        finally
        {
            foreach (var process in _processes)
                await KillAsync(process);
            _data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Twenty_messages_left_by_SIP_callers_while_the_mail_server_is_down_are_each_e_mailed_once_when_it_is_back()
    {
        var calls = await LeaveMessagesAsync(20);

        Assert.Equal(20, (await Store.GetCountsAsync("Alice")).New);
        await WaitUntilEveryEmailFailedOnceAsync(20);

        var smtp = await StartSmtpdAsync();
        var mails = await WaitForDeliveryAsync(smtp, 20);

        await AssertDeliveredOnceAsync(mails, 20);
        Assert.Equal(calls.Select(c => c.Caller).Order(StringComparer.Ordinal),
            mails.Select(m => CallerOf(m.Subject ?? "")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task E_mails_queued_when_the_server_stops_are_sent_once_after_it_starts_again()
    {
        await LeaveMessagesAsync(5);
        await WaitUntilEveryEmailFailedOnceAsync(5);

        // Stopped as vmc serve stops on SIGTERM, with the mail server still down; then started again on the same data.
        await StopServerAsync();
        await StartServerAsync();
        var outbox = await Outbox.ListEmailsAsync();
        Assert.Equal(5, outbox.Count);
        Assert.All(outbox, e => Assert.Equal(OutboxState.Queued, e.State));

        var smtp = await StartSmtpdAsync();
        var mails = await WaitForDeliveryAsync(smtp, 5);

        await AssertDeliveredOnceAsync(mails, 5);
    }

    private IMailboxStore Store => _server!.Store;

    private IEmailOutbox Outbox => (IEmailOutbox)_server!.Store;

    private async Task StartServerAsync(byte[]? publish = null)
    {
        _server = new ServerHost(_configuration, Path.Combine(_data.FullName, "data"), NullLoggerFactory.Instance);
        if (publish is not null)
            _server.Repository.Publish(publish); // as vmc serve samples does before it starts
        await _server.StartAsync();
        _sip = new SipFrontEnd(_server, _configuration);
        _sip.Start();
    }

    private async Task StopServerAsync()
    {
        // vmc serve's order: the host stops (calls finish), then the SIP front end and the host are disposed.
        if (_server is not null)
            await _server.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (_sip is not null)
            await _sip.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        if (_server is not null)
            await _server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        _sip = null;
        _server = null;
    }

    /// <summary>
    /// <paramref name="count"/> SIPp callers at once, each leaving a 7 s message for Alice, with a few more doing the same
    /// for Bob, who has no e-mail, to show what the scenario takes on this machine now. Asserts that every call
    /// succeeded, and that after the # (the message's end: its commit, the e-mail queued with it, the goodbye, the BYE)
    /// no call of Alice's took more than <see cref="Margin"/> longer than the slowest of Bob's.
    /// </summary>
    private async Task<IReadOnlyList<(string Caller, TimeSpan Length, TimeSpan AfterPound)>> LeaveMessagesAsync(int count)
    {
        var work = Directory.CreateDirectory(Path.Combine(_data.FullName, $"sipp-{Guid.NewGuid():N}")).FullName;
        // Bob's calls are spread among Alice's (first, every eighth, last), so whatever slows the calls ending at a given
        // moment (a prompt rendered on first use, the machine's other load) slows a call of Bob's too.
        var extensions = Enumerable.Range(0, count).SelectMany(i => i % 7 == 0 ? new[] { "202", "201" } : ["201"]).Append("202").ToList();
        var injection = Path.Combine(work, "calls.csv");
        await File.WriteAllLinesAsync(injection, ["SEQUENTIAL", .. extensions.Select(e => e + ";")]);
        var total = extensions.Count.ToString(CultureInfo.InvariantCulture);
        var (exit, output) = await SippAsync(work, "-sf", Path.Combine(AppContext.BaseDirectory, "Sipp", "leave-message-timed.xml"),
            "-inf", injection, "-m", total, "-l", total, "-r", total, "-rp", "1000", "-trace_logs");
        Assert.True(exit == 0, output);

        var log = string.Join("\n", Directory.EnumerateFiles(work, "*_logs.log").Select(File.ReadAllText));
        var calls = LogLine().Matches(log).GroupBy(m => (Call: m.Groups["call"].Value, Extension: m.Groups["extension"].Value))
            .Where(g => g.Count() == 3)
            .Select(g =>
            {
                var at = g.ToDictionary(m => m.Groups["event"].Value, m => long.Parse(m.Groups["tick"].Value, CultureInfo.InvariantCulture));
                return (Caller: $"0163296{g.Key.Call}", g.Key.Extension,
                    Length: TimeSpan.FromMilliseconds(at["bye"] - at["invite"]), AfterPound: TimeSpan.FromMilliseconds(at["bye"] - at["pound"]));
            }).ToList();
        Assert.True(calls.Count == extensions.Count, $"expected {extensions.Count} timed calls in SIPp's log:\n{log}");
        var alice = calls.Where(c => c.Extension == "201").ToList();
        var bob = calls.Where(c => c.Extension == "202").ToList();
        var baseline = bob.Max(c => c.AfterPound);
        string Lengths(IEnumerable<(string, string, TimeSpan Length, TimeSpan AfterPound)> some) =>
            string.Join(", ", some.Select(c => $"{c.Length.TotalMilliseconds:0} ms ({c.AfterPound.TotalMilliseconds:0} after #)"));
        var summary = $"scenario {ScenarioMilliseconds} ms to the #; Bob (no e-mail): {Lengths(bob)}; Alice (copy): {Lengths(alice)}";
        testOutput.WriteLine(summary);
        Assert.Equal(count, alice.Count);
        Assert.All(calls, call => Assert.True(call.Length >= TimeSpan.FromMilliseconds(ScenarioMilliseconds), $"a call ended before its scenario did; {summary}"));
        Assert.All(alice, call => Assert.True(call.AfterPound <= baseline + Margin,
            $"a call took {call.AfterPound.TotalMilliseconds:0} ms after the #, a call without e-mail {baseline.TotalMilliseconds:0} ms; {summary}"));
        return [.. alice.Select(c => (c.Caller, c.Length, c.AfterPound))];
    }

    /// <summary>The outage was real: the worker tried every e-mail and failed while nothing listened.</summary>
    private async Task WaitUntilEveryEmailFailedOnceAsync(int count)
    {
        IReadOnlyList<OutboxEmail> emails = [];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            emails = await Outbox.ListEmailsAsync();
            if (emails.Count == count && emails.All(e => e.State == OutboxState.Queued && e.Attempts >= 1 && e.LastError is not null))
                return;
            await Task.Delay(100);
        }
        Assert.Fail($"expected {count} queued e-mails, each failed at least once; the outbox has:\n"
            + string.Join("\n", emails.Select(e => $"{e.Id} {e.State} attempts {e.Attempts}: {e.LastError}")));
    }

    /// <summary>Waits until the outbox has sent everything and aiosmtpd holds <paramref name="count"/> messages, then a
    /// little longer, so that a duplicate would have time to arrive.</summary>
    private async Task<IReadOnlyList<MimeMessage>> WaitForDeliveryAsync(Smtpd smtp, int count)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (smtp.Count() >= count && (await Outbox.ListEmailsAsync()).All(e => e.State == OutboxState.Sent))
                break;
            await Task.Delay(100);
        }
        testOutput.WriteLine($"{smtp.Count()} e-mails received {watch.Elapsed.TotalMilliseconds:0} ms after aiosmtpd answered");
        await Task.Delay(TimeSpan.FromSeconds(3)); // more than the longest retry delay (2 s)
        return smtp.Messages();
    }

    private async Task AssertDeliveredOnceAsync(IReadOnlyList<MimeMessage> mails, int count)
    {
        var outbox = await Outbox.ListEmailsAsync();
        Assert.True(outbox.Count == count && outbox.All(e => e.State == OutboxState.Sent),
            "e-mails still waiting in the outbox:\n" + string.Join("\n", outbox.Where(e => e.State != OutboxState.Sent).Select(e => $"{e.Id} {e.State} attempts {e.Attempts}: {e.LastError}")));
        Assert.Equal(count, mails.Count);
        Assert.Equal(count, mails.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count());

        var messages = await Store.ListMessagesAsync("Alice", MessageState.New);
        Assert.Equal(count, messages.Count);
        var attached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mail in mails)
        {
            Assert.Equal("alice@acme.example", Assert.Single(mail.To.Mailboxes).Address);
            var wav = mail.Attachments.OfType<MimePart>().SingleOrDefault(p => p.FileName?.EndsWith(".wav", StringComparison.Ordinal) == true);
            Assert.True(wav is not null, $"e-mail '{mail.Subject}' has no WAV attached");
            var id = Path.GetFileNameWithoutExtension(wav.FileName)!;
            Assert.True(attached.Add(id), $"message {id} was e-mailed twice");
            var message = messages.SingleOrDefault(m => m.Id == id);
            Assert.True(message is not null, $"the attachment {wav.FileName} is no message of Alice's");
            Assert.Equal($"Voicemail Message ({message.CallerNumber} > Alice) From:{message.CallerNumber}", mail.Subject);
            using var decoded = new MemoryStream();
            await wav.Content!.DecodeToAsync(decoded);
            using var playback = await Store.OpenPlaybackAsync(id);
            Assert.Equal(await File.ReadAllBytesAsync(playback!.AudioPath), decoded.ToArray());
        }
    }

    private static string CallerOf(string subject) => Regex.Match(subject, @"From:(\S+)$").Groups[1].Value;

    [GeneratedRegex(@"^call (?<call>\d+) (?<extension>\d+) (?<event>invite|pound|bye) (?<tick>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex LogLine();

    private Task<(int Exit, string Output)> SippAsync(string workingDirectory, params string[] arguments) =>
        new SippProcess { WorkingDirectory = workingDirectory, Timeout = TimeSpan.FromSeconds(90), ServerPort = _sipPort, MediaPort = TestCaller.FreeUdpPortPair() }
            .RunAsync(arguments);

    /// <summary>Debian's python3-aiosmtpd on the sender's port, storing what it receives in a Maildir.</summary>
    private async Task<Smtpd> StartSmtpdAsync()
    {
        var maildir = Path.Combine(_data.FullName, $"maildir-{Guid.NewGuid():N}");
        foreach (var sub in new[] { "tmp", "new", "cur" })
            Directory.CreateDirectory(Path.Combine(maildir, sub));
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{_smtpPort}", "-c", "aiosmtpd.handlers.Mailbox", maildir })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start: install python3-aiosmtpd");
        _processes.Add(process);
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited with {process.ExitCode}: {output}");
            try
            {
                using var client = new TcpClient();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.ConnectAsync("127.0.0.1", _smtpPort, wait.Token);
                var banner = new byte[3];
                if (await client.GetStream().ReadAsync(banner, wait.Token) == 3 && banner.SequenceEqual("220"u8.ToArray()))
                    return new Smtpd(maildir);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"aiosmtpd did not answer on port {_smtpPort} within 20 s: {output}");
            await Task.Delay(100);
        }
    }

    private static async Task KillAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
        }
        process.Dispose();
    }

    /// <summary>What aiosmtpd stored: one file per message received.</summary>
    private sealed class Smtpd(string maildir)
    {
        public int Count() => Files().Count();

        public IReadOnlyList<MimeMessage> Messages() => [.. Files().Select(path => MimeMessage.Load(path))];

        private IEnumerable<string> Files() =>
            new[] { "new", "cur" }.SelectMany(sub => Directory.EnumerateFiles(Path.Combine(maildir, sub))).Order(StringComparer.Ordinal);
    }
}
