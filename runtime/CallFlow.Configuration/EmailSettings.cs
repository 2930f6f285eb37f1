using System.Collections.Immutable;

namespace CallFlow.Configuration;

/// <summary>
/// The <c>email</c> section (reference §10): the SMTP Sender list, the SMTP receiver, and how the outbox retries.
/// Without senders, nothing is e-mailed: mailbox e-mail modes have no effect and the eMail action queues nothing.
/// </summary>
/// <param name="Senders">The SMTP Sender list; the first entry is the default.</param>
/// <param name="Receiver">The embedded SMTP receiver.</param>
/// <param name="Retry">Attempts and backoff of the outbox.</param>
/// <param name="Concurrency">E-mails sent at once (default 4).</param>
/// <param name="TimeoutSeconds">Longest wait for any one step of an SMTP conversation (default 60).</param>
public sealed record EmailSettings(ImmutableArray<SmtpSenderSettings> Senders, SmtpReceiverSettings Receiver, EmailRetryPolicy Retry, int Concurrency, int TimeoutSeconds)
{
    /// <summary>No senders, the receiver off, the default retry policy.</summary>
    public static EmailSettings Default { get; } = new([], SmtpReceiverSettings.Default, EmailRetryPolicy.Default, 4, 60);

    /// <summary>Whether anything can be sent: at least one sender is configured.</summary>
    public bool Enabled => !Senders.IsEmpty;

    /// <summary>The mail domain of this server: the first sender's first domain (§10.2), or null.</summary>
    public string? MailDomain => Senders.IsEmpty || Senders[0].Domains.IsEmpty ? null : Senders[0].Domains[0];

    /// <summary>The entry that sends to <paramref name="recipient"/>: the one serving its domain, else the first (null when there are none).</summary>
    /// <example><c>settings.SenderFor("bob@partner.example")</c></example>
    public SmtpSenderSettings? SenderFor(string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (Senders.IsEmpty)
            return null;
        var at = recipient.LastIndexOf('@');
        var domain = at < 0 ? "" : recipient[(at + 1)..].TrimEnd('>').Trim();
        return Senders.FirstOrDefault(s => s.Serves(domain)) ?? Senders[0];
    }
}
