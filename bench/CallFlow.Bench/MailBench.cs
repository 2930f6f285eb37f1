using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using CallFlow.Configuration;
using CallFlow.Email;
using CallFlow.Email.Sending;
using CallFlow.Mailbox;
using MimeKit;

namespace CallFlow.Bench;

/// <summary>
/// The voicemail e-mail benchmark (<c>--mail</c>): e-mails per second, each with a one-minute message attached
/// (480,000 bytes of µ-law, a 480,058-byte WAV), sent by the outbox worker through MailKit to a local aiosmtpd
/// (Debian's python3-aiosmtpd, the Sink handler, on loopback), beside a raw socket writing the same bytes (the same
/// MIME message, encoded once) through a minimal hand-written SMTP conversation to the same server. Also the cost
/// on the call path: committing a message with its e-mail queued in the same transaction against without.
/// Every e-mail must end Sent and every raw reply must be 250, or the benchmark fails.
/// </summary>
internal static class MailBench
{
    private const int AudioBytes = 60 * 8000;

    /// <summary><c>--mail [--quick] [--markdown out.md]</c>: runs the benchmark and prints (or writes) its section.</summary>
    public static int RunStandalone(string[] args)
    {
        var quick = args.Contains("--quick");
        var markdown = args.SkipWhile(a => a != "--markdown").Skip(1).FirstOrDefault();
        var section = RunAsync(quick).GetAwaiter().GetResult();
        if (markdown is not null)
            File.WriteAllText(markdown, section);
        Console.WriteLine(section);
        return 0;
    }

    private static async Task<string> RunAsync(bool quick)
    {
        var count = quick ? 40 : 200;
        var directory = Directory.CreateTempSubdirectory("callflow-mailbench-").FullName;
        var port = FreePort();
        using var smtpd = StartSink(port);
        try
        {
            await WaitForBannerAsync(port, smtpd);
            await using var store = SqliteMailboxStore.Open(Path.Combine(directory, "data"));
            await store.EnsureMailboxAsync("Alice");
            var settings = EmailSettings.Default with
            {
                Senders = [new SmtpSenderSettings("127.0.0.1", port, SmtpSecurity.None, ["acme.example"], "voicemail@acme.example", null, null, null, null, false, null)],
            };
            var sender = new EmailSender(settings, directory);
            var audio = new byte[AudioBytes];
            for (var i = 0; i < audio.Length; i++)
                audio[i] = (byte)(0x80 | (i * 37 % 0x70));

            var (withEmail, withoutEmail) = await CommitCostAsync(store, audio, quick ? 20 : 50);
            var rows = new List<Row>();
            foreach (var concurrency in new[] { 1, 4 })
            {
                await LeaveAsync(store, audio, 5);
                await new OutboxWorker(store, sender, new OutboxWorkerOptions { Concurrency = concurrency }).RunOnceAsync(); // warm-up
                await LeaveAsync(store, audio, count);
                var worker = new OutboxWorker(store, sender, new OutboxWorkerOptions { Concurrency = concurrency });
                var start = Stopwatch.GetTimestamp();
                var summary = await worker.RunOnceAsync();
                var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
                if (summary.Sent != count || summary.Attempts != count)
                    throw new InvalidOperationException($"the worker sent {summary.Sent} of {count} e-mails");
                rows.Add(new Row("outbox worker (store, MIME, MailKit)", concurrency, count, wall));
            }
            if ((await store.ListEmailsAsync()).Any(e => e.State == OutboxState.Queued))
                throw new InvalidOperationException("an e-mail is still queued");

            var wire = await WireBytesAsync(store, sender);
            foreach (var concurrency in new[] { 1, 4 })
            {
                await RawAsync(port, wire, 5, concurrency); // warm-up
                var start = Stopwatch.GetTimestamp();
                await RawAsync(port, wire, count, concurrency);
                rows.Add(new Row("raw socket, same bytes", concurrency, count, Stopwatch.GetElapsedTime(start).TotalSeconds));
            }
            return Report(rows, wire.Length, withEmail, withoutEmail, quick);
        }
        finally
        {
            if (!smtpd.HasExited)
                smtpd.Kill(entireProcessTree: true);
            await smtpd.WaitForExitAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record Row(string Sender, int Concurrency, int Emails, double WallSeconds)
    {
        public double PerSecond => Emails / WallSeconds;
    }

    private static async Task LeaveAsync(SqliteMailboxStore store, byte[] audio, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var recording = await store.BeginRecordingAsync(new RecordingRequest("Alice")
            {
                CallerNumber = "01632960123",
                Email = new MessageEmail("alice@acme.example", EmailKind.Copy),
            });
            recording.Write(audio);
            await recording.CommitAsync();
        }
    }

    /// <summary>Median commit of a one-minute message, with and without its e-mail queued in the same transaction.</summary>
    private static async Task<(double With, double Without)> CommitCostAsync(SqliteMailboxStore store, byte[] audio, int runs)
    {
        async Task<double> MedianAsync(bool email)
        {
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                await using var recording = await store.BeginRecordingAsync(new RecordingRequest("Alice")
                {
                    Email = email ? new MessageEmail("alice@acme.example", EmailKind.Copy) : null,
                });
                recording.Write(audio);
                var start = Stopwatch.GetTimestamp();
                var message = await recording.CommitAsync();
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                await store.PurgeMessageAsync(message!.Id);
            }
            times.Sort();
            return times[times.Count / 2];
        }
        var without = await MedianAsync(false);
        var with = await MedianAsync(true);
        foreach (var email in (await store.ListEmailsAsync()).Where(e => e.State == OutboxState.Queued))
            await store.MarkEmailAttemptFailedAsync(email.Id, "benchmark: not sent", null);
        return (with, without);
    }

    /// <summary>The bytes the worker puts on the wire for one of these e-mails: the same MIME message, encoded once.</summary>
    private static async Task<byte[]> WireBytesAsync(SqliteMailboxStore store, EmailSender sender)
    {
        var email = (await store.ListEmailsAsync()).Last(e => e.State == OutboxState.Sent);
        using var playback = (await store.OpenPlaybackAsync(email.AttachmentMessageId!))!;
        await using var audio = playback.OpenAudio();
        var message = EmailMessageBuilder.Build(email, sender.FromFor(email.To, email.From), DateTimeOffset.UtcNow, audio, "m.wav");
        using var buffer = new MemoryStream();
        await message.WriteToAsync(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, buffer);
        return buffer.ToArray();
    }

    /// <summary>A minimal SMTP client: one connection per message, the pre-encoded bytes written as they are.</summary>
    private static Task RawAsync(int port, byte[] message, int count, int concurrency) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, ct) =>
        {
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync("127.0.0.1", port, ct);
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            await ExpectAsync(reader, "220");
            foreach (var (command, reply) in new[] { ("EHLO bench", "250"), ("MAIL FROM:<voicemail@acme.example>", "250"), ("RCPT TO:<alice@acme.example>", "250"), ("DATA", "354") })
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), ct);
                await ExpectAsync(reader, reply);
            }
            await stream.WriteAsync(message, ct); // base64 and headers: no line starts with a dot, nothing to stuff
            await stream.WriteAsync(".\r\nQUIT\r\n"u8.ToArray(), ct);
            await ExpectAsync(reader, "250");
            await ExpectAsync(reader, "221");
        });

    private static async Task ExpectAsync(StreamReader reader, string code)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync() ?? throw new InvalidOperationException($"the server closed the connection; expected {code}");
            if (!line.StartsWith(code, StringComparison.Ordinal))
                throw new InvalidOperationException($"expected {code}, got {line}");
            if (line.Length < 4 || line[3] == ' ')
                return;
        }
    }

    private static string Report(List<Row> rows, int wireBytes, double commitWith, double commitWithout, bool quick)
    {
        var s = new StringBuilder();
        s.AppendLine("## Voicemail e-mail: one-minute messages to a local SMTP server").AppendLine();
        var mode = quick ? "--mail --quick" : "--mail";
        s.AppendLine(FormattableString.Invariant($"Mode: `{mode}`. Each e-mail carries a one-minute message: 480,000 bytes of µ-law, a 480,058-byte WAV, ") +
            FormattableString.Invariant($"{wireBytes:N0} bytes on the wire once base64-encoded with its headers. ") +
            "The server is Debian's python3-aiosmtpd on loopback with the " +
            "Sink handler (it reads every byte and keeps none). The outbox worker reads each attachment from the message file at send time, builds " +
            "the MIME message and sends it with MailKit, one connection per e-mail, then records it as sent in the store. The raw socket writes " +
            "the same encoded message, built once, through a hand-written SMTP conversation (EHLO, MAIL, RCPT, DATA, QUIT), one connection per message.");
        s.AppendLine();
        s.AppendLine("| Sender | At once | E-mails | Wall (s) | E-mails/s | MB/s on the wire | vs raw |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var raw = rows.First(r => r.Sender.StartsWith("raw", StringComparison.Ordinal) && r.Concurrency == row.Concurrency);
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Sender} | {row.Concurrency} | {row.Emails} | {row.WallSeconds:0.00} | {row.PerSecond:0.0} | {row.PerSecond * wireBytes / 1e6:0.0} | {row.PerSecond / raw.PerSecond:0.00}× |");
        }
        s.AppendLine();
        s.AppendLine(
            "On the call path, queueing costs nothing measurable: committing a one-minute message (fsync of the file, rename, fsync of the directory, one " +
            FormattableString.Invariant($"transaction with synchronous=FULL) takes a median {commitWithout:0.00} ms alone and {commitWith:0.00} ms with its e-mail queued in the same transaction. ") +
            "The caller never waits for the mail server.");
        return s.ToString();
    }

    private static Process StartSink(int port)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 -m aiosmtpd did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForBannerAsync(int port, Process smtpd)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !smtpd.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                if ((await reader.ReadLineAsync())?.StartsWith("220", StringComparison.Ordinal) == true)
                    return;
            }
            catch (SocketException)
            {
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("aiosmtpd did not answer (is python3-aiosmtpd installed?)");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
