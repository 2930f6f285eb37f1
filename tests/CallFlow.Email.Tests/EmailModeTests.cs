using CallFlow.Email.Tests.Support;
using CallFlow.Mailbox;

namespace CallFlow.Email.Tests;

/// <summary>
/// The voicemail e-mail modes (reference §10.4) end to end: a caller leaves a message through Leave Mail, the outbox
/// worker sends it to a real SMTP server (aiosmtpd on loopback), and the test reads what arrived.
/// </summary>
public sealed class EmailModeTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private EmailHarness _site = null!;
    private AioSmtpd _smtp = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        _site = new EmailHarness(EmailHarness.EmailSection(port));
        _smtp = await AioSmtpd.StartAsync(_site.Directory, port);
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task Copy_sends_the_message_as_a_wav_and_keeps_it_with_its_lamp()
    {
        var (transcript, _) = _site.Leave("Alice", seconds: 5);
        Assert.Contains("e-mail (copy) to alice@acme.example queued", transcript);
        Assert.Contains("message waiting: Alice has 1 new", transcript);

        var summary = await _site.Worker().RunOnceAsync();

        Assert.True(new OutboxRunSummary(1, 0, 0) == summary, string.Join("\n", _site.LogLines) + _smtp.Output);
        var mail = Assert.Single(await _smtp.WaitForMessagesAsync(1, Wait));
        Assert.Equal("alice@acme.example", mail.To.Mailboxes.Single().Address);
        Assert.Equal(("Acme Voicemail", "voicemail@acme.example"), (mail.From.Mailboxes.Single().Name, mail.From.Mailboxes.Single().Address));
        Assert.Equal("Voicemail Message (01632960123 > Alice) From:01632960123", mail.Subject);
        Assert.Equal("IP Office Voicemail redirected message", Mime.Text(mail));
        var wav = Mime.Wav(mail)!;
        Assert.Equal(("audio/wav", "m0001.wav", true), (wav.ContentType.MimeType, wav.FileName, wav.IsAttachment));
        Assert.Equal(await _site.MessageFileAsync("m0001"), Mime.Decode(wav));
        Assert.Equal(58 + 5 * 8000, Mime.Decode(wav).Length);

        var stored = (await _site.Store.GetMessageAsync("m0001"))!;
        Assert.Equal(MessageState.New, stored.State);
        Assert.Equal(1, (await _site.Store.GetCountsAsync("Alice")).New);
        Assert.Equal(OutboxState.Sent, Assert.Single(await _site.Store.ListEmailsAsync()).State);
    }

    [Fact]
    public async Task Forward_sends_the_message_and_keeps_no_copy_and_no_lamp()
    {
        var (transcript, _) = _site.Leave("Carol", seconds: 4);
        Assert.Contains("e-mail (forward) to carol@acme.example queued", transcript);
        Assert.Contains("message waiting: Carol unchanged (the message is forwarded by e-mail)", transcript);
        Assert.Equal(MessageCounts.Empty, await _site.Store.GetCountsAsync("Carol"));
        var audio = await _site.MessageFileAsync("m0001");

        await _site.Worker().RunOnceAsync();

        var mail = Assert.Single(await _smtp.WaitForMessagesAsync(1, Wait));
        Assert.Equal("Voicemail Message (01632960123 > Carol) From:01632960123", mail.Subject);
        Assert.Equal("IP Office Voicemail redirected message", Mime.Text(mail));
        Assert.Equal(audio, Mime.Decode(Mime.Wav(mail)!));
        Assert.Null(await _site.Store.GetMessageAsync("m0001"));
        Assert.Equal(MessageCounts.Empty, await _site.Store.GetCountsAsync("Carol"));
    }

    [Fact]
    public async Task Alert_sends_only_the_details()
    {
        _site.Leave("Dave", seconds: 7, caller: "07700900123");

        await _site.Worker().RunOnceAsync();

        var mail = Assert.Single(await _smtp.WaitForMessagesAsync(1, Wait));
        Assert.Equal("dave@acme.example", mail.To.Mailboxes.Single().Address);
        Assert.Equal("Voicemail Message (07700900123 > Dave) From:07700900123", mail.Subject);
        Assert.Null(Mime.Wav(mail));
        Assert.Empty(mail.Attachments);
        var body = Mime.Text(mail);
        Assert.StartsWith("New voicemail message for Dave.\nFrom: 07700900123\nReceived: ", body);
        Assert.EndsWith("(UTC)\nLength: 7 seconds", body);
        Assert.Equal(1, (await _site.Store.GetCountsAsync("Dave")).New);
    }

    [Fact]
    public async Task Off_sends_nothing()
    {
        var (transcript, _) = _site.Leave("Bob");
        Assert.DoesNotContain("e-mail", transcript);
        Assert.Empty(await _site.Store.ListEmailsAsync());
        Assert.Equal(new OutboxRunSummary(0, 0, 0), await _site.Worker().RunOnceAsync());
        Assert.Empty(_smtp.Messages());
    }

    [Fact]
    public async Task The_email_action_sends_the_calls_recording_and_a_prompt_file()
    {
        var (transcript, _) = _site.Call("call from 01632960123 to \"Short Codes.*60\"\ntalk 6s\npress #\n");
        Assert.Contains("e-mail 1 to night@partner.example queued with m0001", transcript);
        Directory.CreateDirectory(Path.Combine(_site.PromptDirectory, "announcements"));
        var prompt = Path.Combine(_site.PromptDirectory, "announcements", "today.wav");
        CallFlow.Audio.WavWriter.WriteFile(prompt, CallFlow.Audio.AudioFormat.Telephony(CallFlow.Audio.AudioEncoding.MuLaw), new byte[8000]);
        (transcript, _) = _site.Call("call from 201 to \"Short Codes.*61\"\n");
        Assert.Contains("e-mail 2 to files@example.com queued with today.wav", transcript);

        await _site.Worker().RunOnceAsync();

        var mails = await _smtp.WaitForMessagesAsync(2, Wait);
        var night = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == "night@partner.example");
        Assert.Equal("Message from 01632960123", night.Subject);
        Assert.Equal("Left for Bob by 01632960123", Mime.Text(night));
        Assert.Equal("voicemail@acme.example", night.From.Mailboxes.Single().Address);
        Assert.Equal(await _site.MessageFileAsync("m0001"), Mime.Decode(Mime.Wav(night)!));
        var files = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == "files@example.com");
        Assert.Equal("today.wav", Mime.Wav(files)!.FileName);
        Assert.Equal(await File.ReadAllBytesAsync(prompt), Mime.Decode(Mime.Wav(files)!));
    }

    [Fact]
    public async Task An_email_action_with_nothing_to_attach_still_sends_and_the_caller_goes_on()
    {
        var (transcript, _) = _site.Call("call from 201 to \"Short Codes.*61\"\n");
        Assert.Contains("email: the file announcements/today.wav does not exist; sent without an attachment", transcript);
        Assert.Contains("result Next", transcript);
        await _site.Worker().RunOnceAsync();
        var mail = Assert.Single(await _smtp.WaitForMessagesAsync(1, Wait));
        Assert.Empty(mail.Attachments);
    }
}
