using System.Collections.Immutable;
using CallFlow.Email.Sending;
using CallFlow.Email.Tests.Support;
using CallFlow.Mailbox;
using CallFlow.Runtime.Hosting;
using CallFlow.Runtime.Vm;
using MimeKit;

namespace CallFlow.Email.Tests;

/// <summary>The MIME message of an outbox e-mail, and the eMail action's handling of its settings, without a server.</summary>
public sealed class EmailMessageBuilderTests
{
    private static readonly OutboxEmail Email = new(7, EmailKind.Copy, "alice@acme.example", "alice@acme.example",
        "Voicemail Message (201 > Alice) From:201", "IP Office Voicemail redirected message", "m0001", null, false,
        OutboxState.Queued, 0, FakeClock.Epoch, FakeClock.Epoch, null, null);

    [Fact]
    public void The_message_has_the_text_and_the_wav_named_after_the_message()
    {
        using var audio = new MemoryStream([1, 2, 3]);
        var message = EmailMessageBuilder.Build(Email, new MailboxAddress("Voicemail", "vm@acme.example"), FakeClock.Epoch, audio, EmailMessageBuilder.AttachmentName("m0001"));

        Assert.Equal("Voicemail Message (201 > Alice) From:201", message.Subject);
        Assert.Equal("\"Voicemail\" <vm@acme.example>", message.From.ToString());
        Assert.Equal("alice@acme.example", message.To.ToString());
        Assert.Equal(FakeClock.Epoch, message.Date);
        var parts = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("mixed", parts.ContentType.MediaSubtype);
        Assert.Equal("IP Office Voicemail redirected message", Assert.IsType<TextPart>(parts[0]).Text);
        var wav = Assert.IsType<MimePart>(parts[1]);
        Assert.Equal(("audio/wav", "m0001.wav", ContentEncoding.Base64, true), (wav.ContentType.MimeType, wav.FileName, wav.ContentTransferEncoding, wav.IsAttachment));
        Assert.Equal([1, 2, 3], Mime.Decode(wav));
    }

    [Fact]
    public void The_message_id_is_the_same_at_every_attempt()
    {
        var from = new MailboxAddress("", "vm@acme.example");
        var first = EmailMessageBuilder.Build(Email, from, FakeClock.Epoch);
        var second = EmailMessageBuilder.Build(Email with { Attempts = 3 }, from, FakeClock.Epoch.AddHours(1));
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal($"callflow.outbox.7.{FakeClock.Epoch.ToUnixTimeMilliseconds()}@acme.example", first.MessageId);
        Assert.IsType<TextPart>(first.Body);
    }

    [Fact]
    public async Task The_email_action_without_a_recording_or_an_address_queues_what_it_can_and_goes_on()
    {
        await using var site = new EmailHarness(EmailHarness.EmailSection(FreePort.Next()));
        var handler = new EmailRequestHandler(site.Store, site.PromptDirectory);
        var channel = new NotingChannel();
        var call = new CallContext(channel, null!, new CallInfo("201", null, default));
        Assert.True(handler.Handles("email"));
        Assert.False(handler.Handles("leave_mail"));

        var outcome = await handler.PerformAsync(call, Request(("to", "night@acme.example"), ("subject", "s"), ("attach", "Recording:$")));
        Assert.Equal("Next", Assert.IsType<ResultOutcome>(outcome).Result);
        Assert.Contains("email: there is no recording of this call to attach; sent without an attachment", channel.Notes);
        Assert.Null(Assert.Single(await site.Store.ListEmailsAsync()).AttachmentMessageId);

        await handler.PerformAsync(call, Request(("to", "night@acme.example"), ("attach", "File:../../etc/passwd")));
        Assert.Contains("email: '../../etc/passwd' is not a .wav file to attach; sent without an attachment", channel.Notes);
        Assert.All(await site.Store.ListEmailsAsync(), e => Assert.Null(e.AttachmentFile));

        await handler.PerformAsync(call, Request(("to", "not an address")));
        Assert.Contains("email: 'not an address' is not an address; nothing queued", channel.Notes);
        Assert.Equal(2, (await site.Store.ListEmailsAsync()).Count);
    }

    private static RequestEffect Request(params (string Key, string Value)[] settings) =>
        new("email", settings.ToImmutableSortedDictionary(s => s.Key, s => s.Value), ["Next"]);

    private sealed class NotingChannel : ICallChannel
    {
        public List<string> Notes { get; } = [];

        public DateTimeOffset Now => FakeClock.Epoch;

        public void Note(string text) => Notes.Add(text);

        public ValueTask<Outcome> PlayAsync(PlayEffect play, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public ValueTask<Outcome> SpeakAsync(SpeakEffect speak, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public ValueTask<Outcome> CollectAsync(CollectDigitsEffect collect, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public ValueTask<RecordingResult> RecordAsync(RecordRequest request, IAudioSink sink, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public ValueTask<Outcome> RequestAsync(RequestEffect request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
