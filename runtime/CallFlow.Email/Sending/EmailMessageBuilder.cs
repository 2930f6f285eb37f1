using CallFlow.Mailbox;
using MimeKit;

namespace CallFlow.Email.Sending;

/// <summary>
/// Builds the MIME message of an outbox e-mail (reference §10.4, manual 3.5.3.2): To the user's or the action's
/// address, From the SMTP sender entry's identifier, the stored subject and plain-text body, and the WAV attachment
/// named after its message (<c>&lt;message id&gt;.wav</c>) or its file. The Message-Id is fixed per outbox e-mail, so
/// a resend after a crash carries the same id and a mail system can drop the duplicate.
/// </summary>
public static class EmailMessageBuilder
{
    /// <summary>The attachment's MIME type: RIFF WAVE audio.</summary>
    public const string WavMediaType = "audio/wav";

    /// <summary>
    /// The message for <paramref name="email"/>. <paramref name="attachment"/> (a WAV file's bytes, named
    /// <paramref name="attachmentName"/>) is read when the message is written out, so it must stay open until then.
    /// </summary>
    /// <example><code>
    /// using var audio = File.OpenRead(path);
    /// var message = EmailMessageBuilder.Build(email, new MailboxAddress("Voicemail", "vm@example.com"), clock.GetUtcNow(), audio, "m0001.wav");
    /// </code></example>
    public static MimeMessage Build(OutboxEmail email, MailboxAddress from, DateTimeOffset date, Stream? attachment = null, string? attachmentName = null)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(from);
        var message = new MimeMessage
        {
            Subject = email.Subject,
            Date = date,
            MessageId = $"callflow.outbox.{email.Id}.{email.QueuedUtc.ToUnixTimeMilliseconds()}@{DomainOf(from.Address)}",
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(email.To));
        var text = new TextPart("plain") { Text = email.Body };
        if (attachment is null)
        {
            message.Body = text;
            return message;
        }
        var wav = new MimePart(WavMediaType)
        {
            Content = new MimeContent(attachment),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = attachmentName ?? "message.wav",
        };
        message.Body = new Multipart("mixed") { text, wav };
        return message;
    }

    /// <summary>The name of a message's attachment: the message id, as the store names its file.</summary>
    public static string AttachmentName(string messageId) => messageId + ".wav";

    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 || at == address.Length - 1 ? "localhost" : address[(at + 1)..];
    }
}
