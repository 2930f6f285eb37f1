using System.Text;
using CallFlow.Audio;
using CallFlow.Configuration;
using CallFlow.Email.Receiving;
using CallFlow.Email.Tests.Support;
using CallFlow.Mailbox;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CallFlow.Email.Tests;

/// <summary>
/// The SMTP receiver (reference §10.3): mail for <c>Extn201@domain</c>, <c>201@domain</c> or <c>Alice@domain</c> with a
/// WAV is stored as a new message in that mailbox; anything else is refused with the right SMTP reply.
/// </summary>
public sealed class SmtpReceiverTests : IAsyncLifetime
{
    private const string Domain = "vmpro1.acme.example";
    private readonly string _directory = Directory.CreateTempSubdirectory("callflow-receiver-").FullName;
    private SqliteMailboxStore _store = null!;
    private SmtpReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        var configuration = ConfigurationLoader.Parse("""
            { "users": [ { "name": "Alice", "extension": "201" }, { "name": "Bob", "extension": "202" } ],
              "groups": [ { "name": "Sales", "extension": "300", "members": ["Alice"] } ] }
            """, "callflow.json").Configuration!;
        var ids = 0;
        _store = SqliteMailboxStore.Open(Path.Combine(_directory, "data"), new MailboxStoreOptions { NewMessageId = () => $"r{Interlocked.Increment(ref ids):D4}" });
        foreach (var name in configuration.MailboxNames)
            await _store.EnsureMailboxAsync(name);
        _receiver = new SmtpReceiver(_store, new SmtpReceiverOptions(SmtpRecipients.For(configuration, Domain)) { Port = 0, MaxMessageBytes = 200_000 });
        _receiver.Start();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A second of 8 kHz mono audio in <paramref name="encoding"/> (a ramp, so a wrong conversion shows).</summary>
    private static (byte[] File, byte[] MuLaw) Wav(AudioEncoding encoding = AudioEncoding.Pcm16, int rate = 8000, int seconds = 1)
    {
        var samples = Enumerable.Range(0, rate * seconds).Select(i => (short)((i * 97 % 16000) - 8000)).ToArray();
        var pcm = new byte[samples.Length * 2];
        SampleConverter.WritePcm16(samples, pcm);
        var data = new byte[SampleConverter.ConvertedLength(pcm.Length, AudioEncoding.Pcm16, encoding)];
        SampleConverter.Convert(pcm, AudioEncoding.Pcm16, data, encoding);
        var file = WavWriter.ToBytes(new AudioFormat(encoding, rate, 1), data);
        var muLaw = new byte[samples.Length];
        SampleConverter.Convert(data, encoding, muLaw, AudioEncoding.MuLaw);
        return (file, muLaw);
    }

    private static MimeMessage Mail(string to, byte[]? wav, string name = "message.wav")
    {
        var message = new MimeMessage { Subject = "Voicemail Message (201 > Bob) From:201" };
        message.From.Add(MailboxAddress.Parse("voicemail@vmpro2.acme.example"));
        message.To.Add(MailboxAddress.Parse(to));
        var body = new BodyBuilder { TextBody = "IP Office Voicemail redirected message" };
        if (wav is not null)
            body.Attachments.Add(name, wav, new ContentType("audio", "wav"));
        message.Body = body.ToMessageBody();
        return message;
    }

    private Task SendAsync(MimeMessage message) => SendAsync(_receiver.Port, message);

    private static async Task SendAsync(int port, MimeMessage message)
    {
        using var client = new SmtpClient { Timeout = 10_000 };
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    private async Task<byte[]> StoredAudioAsync(string messageId)
    {
        using var playback = (await _store.OpenPlaybackAsync(messageId))!;
        var file = await File.ReadAllBytesAsync(playback.AudioPath);
        return WavReader.Read(file).GetData(file).ToArray();
    }

    [Theory]
    [InlineData("Extn201@vmpro1.acme.example", "Alice")]
    [InlineData("201@vmpro1.acme.example", "Alice")]
    [InlineData("Alice@vmpro1.acme.example", "Alice")]
    [InlineData("alice@VMPRO1.acme.example", "Alice")]
    [InlineData("300@vmpro1.acme.example", "Sales")]
    public async Task Mail_for_a_mailbox_is_stored_as_a_new_message(string address, string mailbox)
    {
        var (file, muLaw) = Wav();
        await SendAsync(Mail(address, file));

        var message = Assert.Single(await _store.ListMessagesAsync(mailbox, MessageState.New));
        Assert.Equal(("voicemail@vmpro2.acme.example", TimeSpan.FromSeconds(1)), (message.CallerName, message.Duration));
        Assert.Equal(muLaw, await StoredAudioAsync(message.Id));
        Assert.Equal(1, _receiver.Delivered);
    }

    [Theory]
    [InlineData(AudioEncoding.MuLaw)]
    [InlineData(AudioEncoding.ALaw)]
    public async Task G711_wavs_are_stored_as_mu_law(AudioEncoding encoding)
    {
        var (file, muLaw) = Wav(encoding);
        await SendAsync(Mail("Extn202@vmpro1.acme.example", file));
        Assert.Equal(muLaw, await StoredAudioAsync(Assert.Single(await _store.ListMessagesAsync("Bob", MessageState.New)).Id));
    }

    [Fact]
    public async Task One_message_for_two_mailboxes_is_stored_in_each()
    {
        var message = Mail("Extn201@vmpro1.acme.example", Wav().File);
        message.To.Add(MailboxAddress.Parse("202@vmpro1.acme.example"));
        await SendAsync(message);
        Assert.Single(await _store.ListMessagesAsync("Alice", MessageState.New));
        Assert.Single(await _store.ListMessagesAsync("Bob", MessageState.New));
    }

    [Theory]
    [InlineData("Extn201@elsewhere.example", "550", "only takes mail for vmpro1.acme.example")]
    [InlineData("Extn299@vmpro1.acme.example", "550", "no mailbox Extn299")]
    [InlineData("vmsyncmaster@vmpro1.acme.example", "550", "no mailbox vmsyncmaster")]
    public async Task Recipients_it_does_not_serve_are_refused(string address, string code, string text)
    {
        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => SendAsync(Mail(address, Wav().File)));
        Assert.Equal(SmtpErrorCode.RecipientNotAccepted, e.ErrorCode);
        Assert.Equal(code, ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
        Assert.Equal(0, _receiver.Delivered);
    }

    [Fact]
    public async Task Mail_that_finds_the_store_full_is_refused_with_452_so_the_sender_retries_and_nothing_is_kept()
    {
        using var disk = new SmallFileSystem(kilobytes: 4096);
        await using var store = SqliteMailboxStore.Open(Path.Combine(disk.Path, "data"), new MailboxStoreOptions { SpaceReserveBytes = 256 * 1024 });
        await store.EnsureMailboxAsync("Alice");
        var configuration = ConfigurationLoader.Parse("""{ "users": [ { "name": "Alice", "extension": "201" } ] }""", "callflow.json").Configuration!;
        await using var receiver = new SmtpReceiver(store, new SmtpReceiverOptions(SmtpRecipients.For(configuration, Domain)) { Port = 0 });
        receiver.Start();
        Task Send() => SendAsync(receiver.Port, Mail("201@vmpro1.acme.example", Wav().File));

        disk.Fill();
        var full = await Assert.ThrowsAsync<SmtpCommandException>(Send);
        Assert.Equal(SmtpStatusCode.InsufficientStorage, full.StatusCode);
        Assert.Empty(await store.ListMessagesAsync("Alice", MessageState.New));

        disk.Free();
        await Send();
        Assert.Single(await store.ListMessagesAsync("Alice", MessageState.New));
    }

    [Fact]
    public async Task A_message_without_a_usable_wav_is_refused()
    {
        var none = await Assert.ThrowsAsync<SmtpCommandException>(() => SendAsync(Mail("201@vmpro1.acme.example", null)));
        Assert.Equal((SmtpErrorCode.MessageNotAccepted, 554), (none.ErrorCode, (int)none.StatusCode));
        Assert.Contains("no WAV attachment", none.Message, StringComparison.Ordinal);

        var wideband = await Assert.ThrowsAsync<SmtpCommandException>(() => SendAsync(Mail("201@vmpro1.acme.example", Wav(rate: 16000).File)));
        Assert.Contains("16000 Hz", wideband.Message, StringComparison.Ordinal);

        var junk = await Assert.ThrowsAsync<SmtpCommandException>(() => SendAsync(Mail("201@vmpro1.acme.example", Encoding.ASCII.GetBytes("not a wav"))));
        Assert.Contains("cannot be stored", junk.Message, StringComparison.Ordinal);
        Assert.Empty(await _store.ListMessagesAsync("Alice", MessageState.New));
    }

    [Fact]
    public async Task The_conversation_follows_rfc_5321()
    {
        using var smtp = await RawSmtp.ConnectAsync(_receiver.Port);
        Assert.StartsWith("220 ", await smtp.ReplyAsync());
        Assert.StartsWith("503 5.5.1", await smtp.CommandAsync("MAIL FROM:<a@b.example>"));
        var ehlo = await smtp.CommandAsync("EHLO client.example");
        Assert.Contains("250-SIZE 200000", ehlo);
        Assert.Contains("250 ENHANCEDSTATUSCODES", ehlo);
        Assert.StartsWith("503 5.5.1", await smtp.CommandAsync("RCPT TO:<201@vmpro1.acme.example>"));
        Assert.StartsWith("503 5.5.1", await smtp.CommandAsync("DATA"));
        Assert.StartsWith("552 5.3.4", await smtp.CommandAsync("MAIL FROM:<a@b.example> SIZE=300000"));
        Assert.StartsWith("250 2.1.0", await smtp.CommandAsync("MAIL FROM:<a@b.example> SIZE=1000 BODY=8BITMIME"));
        Assert.StartsWith("503 5.5.1", await smtp.CommandAsync("MAIL FROM:<c@d.example>"));
        Assert.StartsWith("554 5.5.1", await smtp.CommandAsync("DATA"));
        Assert.StartsWith("501 5.5.4", await smtp.CommandAsync("RCPT <201@vmpro1.acme.example>"));
        Assert.StartsWith("250 2.1.5", await smtp.CommandAsync("RCPT TO:<201@vmpro1.acme.example>"));
        Assert.StartsWith("250 2.0.0", await smtp.CommandAsync("RSET"));
        Assert.StartsWith("503 5.5.1", await smtp.CommandAsync("RCPT TO:<201@vmpro1.acme.example>"));
        Assert.StartsWith("250 2.0.0", await smtp.CommandAsync("NOOP"));
        Assert.StartsWith("252", await smtp.CommandAsync("VRFY Alice"));
        Assert.StartsWith("221", await smtp.CommandAsync("QUIT"));
        Assert.Equal("(closed)", await smtp.ReplyAsync());
    }

    [Fact]
    public async Task Unknown_commands_long_lines_and_too_many_errors_are_answered_then_the_client_is_dropped()
    {
        using var smtp = await RawSmtp.ConnectAsync(_receiver.Port);
        await smtp.ReplyAsync();
        Assert.StartsWith("502 5.5.1", await smtp.CommandAsync("STARTTLS"));
        Assert.StartsWith("502 5.5.1", await smtp.CommandAsync("AUTH PLAIN"));
        Assert.StartsWith("500 5.5.2 command not recognised", await smtp.CommandAsync("FOO"));
        Assert.StartsWith("500 5.5.2 line too long", await smtp.CommandAsync("NOOP " + new string('x', 600)));
        Assert.StartsWith("500 5.5.2 line too long", await smtp.CommandAsync("NOOP " + new string('x', 5000)));
        Assert.StartsWith("501 5.5.4", await smtp.CommandAsync("HELO"));
        Assert.StartsWith("250 2.0.0", await smtp.CommandAsync("NOOP"));
        for (var i = 0; i < 3; i++)
            Assert.StartsWith("500", await smtp.CommandAsync("BAD"));
        Assert.StartsWith("500", await smtp.CommandAsync("BAD"));
        Assert.StartsWith("421 4.7.0 too many errors", await smtp.ReplyAsync());
        Assert.Equal("(closed)", await smtp.ReplyAsync());
    }

    [Fact]
    public async Task Dot_stuffed_lines_and_pipelined_commands_are_taken_apart_correctly()
    {
        // A WAV in quoted-printable with literal dots at the starts of lines: on the wire they are stuffed ("..").
        var (file, muLaw) = Wav(AudioEncoding.MuLaw);
        var qp = new StringBuilder();
        var column = 0;
        foreach (var b in file)
        {
            var token = b == (byte)'.' ? "." : $"={b:X2}";
            if (column + token.Length > 72 || (b == (byte)'.' && column > 0))
            {
                qp.Append("=\r\n");
                column = 0;
            }
            qp.Append(token);
            column += token.Length;
        }
        Assert.Contains("\r\n.", qp.ToString());
        var stuffed = qp.ToString().Replace("\r\n.", "\r\n..");
        var data = "From: a@b.example\r\nTo: 201@vmpro1.acme.example\r\nSubject: dots\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n..a line that starts with a dot\r\n" +
            "--b1\r\nContent-Type: audio/wav\r\nContent-Disposition: attachment; filename=\"m.wav\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
            stuffed + "\r\n--b1--\r\n.\r\n";

        using var smtp = await RawSmtp.ConnectAsync(_receiver.Port);
        await smtp.ReplyAsync();
        await smtp.SendAsync("EHLO c\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<201@vmpro1.acme.example>\r\nDATA\r\n");
        Assert.StartsWith("250-", await smtp.ReplyAsync());
        Assert.StartsWith("250 2.1.0", await smtp.ReplyAsync());
        Assert.StartsWith("250 2.1.5", await smtp.ReplyAsync());
        Assert.StartsWith("354", await smtp.ReplyAsync());
        Assert.StartsWith("250 2.0.0", await smtp.CommandAsync(data[..^2]));

        Assert.Equal(muLaw, await StoredAudioAsync(Assert.Single(await _store.ListMessagesAsync("Alice", MessageState.New)).Id));
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_read_to_its_end_and_refused()
    {
        using var smtp = await RawSmtp.ConnectAsync(_receiver.Port);
        await smtp.ReplyAsync();
        await smtp.CommandAsync("HELO c");
        await smtp.CommandAsync("MAIL FROM:<a@b.example>");
        await smtp.CommandAsync("RCPT TO:<201@vmpro1.acme.example>");
        Assert.StartsWith("354", await smtp.CommandAsync("DATA"));
        var line = new string('A', 76) + "\r\n";
        await smtp.SendAsync(string.Concat(Enumerable.Repeat(line, 4000)));
        Assert.StartsWith("552 5.3.4", await smtp.CommandAsync("."));
        Assert.StartsWith("250 2.0.0", await smtp.CommandAsync("NOOP")); // still in step
        Assert.Empty(await _store.ListMessagesAsync("Alice", MessageState.New));
    }

    [Fact]
    public async Task The_outbox_of_one_server_delivers_into_the_mailbox_of_another()
    {
        await using var site = new EmailHarness($$"""{ "senders": [ { "domains": ["{{Domain}}"], "host": "127.0.0.1", "port": {{_receiver.Port}} } ] }""",
            users: """ "users": [ { "name": "Alice", "extension": "201", "email": "Extn202@vmpro1.acme.example", "email_mode": "forward" } ] """);
        site.Leave("Alice", seconds: 4);
        var audio = await site.MessageFileAsync("m0001");

        Assert.Equal(new OutboxRunSummary(1, 0, 0), await site.Worker().RunOnceAsync());

        var stored = Assert.Single(await _store.ListMessagesAsync("Bob", MessageState.New));
        Assert.Equal(WavReader.Read(audio).GetData(audio).ToArray(), await StoredAudioAsync(stored.Id));
        Assert.Equal("Extn202@vmpro1.acme.example", stored.CallerName); // no sender configured: the user's own address (§10.2)
        Assert.Null(await site.Store.GetMessageAsync("m0001"));
    }
}
