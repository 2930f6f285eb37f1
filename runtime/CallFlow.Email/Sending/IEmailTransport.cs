using MimeKit;

namespace CallFlow.Email.Sending;

/// <summary>
/// Hands one message to a mail server. <see cref="EmailSender"/> does it over SMTP; tests may put a fake behind the
/// <see cref="OutboxWorker"/>. Throws when the server did not accept the message: a
/// <see cref="EmailRejectedException"/> when retrying cannot help, anything else when it may.
/// </summary>
public interface IEmailTransport
{
    /// <summary>The From address for an e-mail to <paramref name="recipient"/> when the outbox names a fallback (or none).</summary>
    MailboxAddress FromFor(string recipient, string? fallback);

    /// <summary>Sends <paramref name="message"/> to its To address; completes once the server has accepted it.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default);
}
