using CallFlow.Audio;
using CallFlow.Mailbox;
using MimeKit;

namespace CallFlow.Email.Receiving;

/// <summary>
/// Stores a received message: parses it with MimeKit, takes its first WAV attachment (8 kHz mono µ-law, A-law or
/// PCM16; converted to µ-law, the store's format) and commits it as a new message in each recipient mailbox, with the
/// sender's address as the caller's name. Mail received this way sends no e-mail of its own (no mode e-mail), so
/// two servers cannot bounce a message between them for ever.
/// </summary>
internal sealed class InboundDelivery(IMailboxStore store, Action<string>? log)
{
    private long _stored;

    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>The SMTP reply for the message: 250 once stored everywhere, 554 when it carries no usable WAV, 451 when the store fails.</summary>
    public async Task<string> DeliverAsync(Stream data, string? envelopeSender, IReadOnlyList<string> mailboxes, string peer, CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            message = await MimeMessage.LoadAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            return Refuse(peer, $"554 5.6.0 the message cannot be parsed: {e.Message}");
        }
        if (FirstWav(message) is not { Content: { } content })
            return Refuse(peer, "554 5.6.0 the message has no WAV attachment to store");

        byte[] muLaw;
        try
        {
            using var wav = new MemoryStream();
            await content.DecodeToAsync(wav, cancellationToken).ConfigureAwait(false);
            var bytes = wav.GetBuffer().AsSpan(0, (int)wav.Length);
            var info = WavReader.Read(bytes);
            muLaw = SampleConverter.ToTelephonyMuLaw(info.GetData(bytes), info.Format);
        }
        catch (Exception e) when (e is WavFormatException or NotSupportedException)
        {
            return Refuse(peer, $"554 5.6.1 the WAV attachment cannot be stored: {e.Message.ReplaceLineEndings(" ")}");
        }

        var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? envelopeSender;
        try
        {
            foreach (var mailbox in mailboxes)
            {
                if (await store.GetMailboxAsync(mailbox, cancellationToken).ConfigureAwait(false) is null)
                    await store.EnsureMailboxAsync(mailbox, cancellationToken: cancellationToken).ConfigureAwait(false);
                await using var recording = await store.BeginRecordingAsync(new RecordingRequest(mailbox)
                {
                    CallerName = string.IsNullOrEmpty(from) ? null : from,
                    MinimumLength = TimeSpan.Zero,
                }, cancellationToken).ConfigureAwait(false);
                await recording.WriteAsync(muLaw, cancellationToken).ConfigureAwait(false);
                if (recording.IsCutShort)
                {
                    // Unlike a caller, a sending server tries again later: keep nothing rather than part of it.
                    recording.Abort();
                    return StorageFull(peer, mailbox);
                }
                var stored = await recording.CommitAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _stored);
                log?.Invoke($"smtp receiver: {peer}: message {stored?.Id} ({muLaw.Length / 8000.0:0.0} s) from {from} stored in {mailbox}");
            }
        }
        catch (StorageFullException)
        {
            return StorageFull(peer, string.Join(", ", mailboxes));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log?.Invoke($"smtp receiver: {peer}: storing failed: {e.GetType().Name}: {e.Message}");
            return "451 4.3.0 the message could not be stored; try again later";
        }
        return $"250 2.0.0 stored in {string.Join(", ", mailboxes)}";
    }

    /// <summary>The first part that is a WAV: by type (audio/wav, audio/x-wav, audio/wave, audio/vnd.wave) or by a .wav name.</summary>
    private static MimePart? FirstWav(MimeMessage message) =>
        message.BodyParts.OfType<MimePart>().FirstOrDefault(part =>
            part.ContentType.MediaType.Equals("audio", StringComparison.OrdinalIgnoreCase)
                && part.ContentType.MediaSubtype.ToLowerInvariant() is "wav" or "x-wav" or "wave" or "vnd.wave"
            || (part.FileName ?? part.ContentType.Name ?? "").EndsWith(".wav", StringComparison.OrdinalIgnoreCase));

    /// <summary>RFC 5321's 452 with RFC 3463's "mail system full": a transient failure, so the sender queues and retries.</summary>
    private string StorageFull(string peer, string mailboxes)
    {
        log?.Invoke($"smtp receiver: {peer}: not stored in {mailboxes}: the message store's disk is full");
        return "452 4.3.1 insufficient system storage; try again later";
    }

    private string Refuse(string peer, string reply)
    {
        log?.Invoke($"smtp receiver: {peer}: refused a message: {reply}");
        return reply;
    }
}
