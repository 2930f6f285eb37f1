using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CallFlow.Configuration;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CallFlow.Email.Sending;

/// <summary>
/// Sends over SMTP with MailKit through the SMTP Sender list (reference §10.2): the entry whose domains include the
/// recipient's domain, else the first; plain, STARTTLS or implicit TLS as the entry says; authenticated when it has
/// a user, with CRAM-MD5 only when asked (Use Challenge Response Authentication), else the strongest mechanism the
/// server offers. One connection per message: nothing is held open between e-mails.
/// </summary>
/// <example><code>
/// var sender = new EmailSender(configuration.Email, configuration.BaseDirectory ?? Environment.CurrentDirectory);
/// await sender.SendAsync(message);
/// </code></example>
public sealed class EmailSender(EmailSettings settings, string baseDirectory) : IEmailTransport
{
    /// <summary>The settings it sends with.</summary>
    public EmailSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>The entry that sends to <paramref name="recipient"/>.</summary>
    /// <exception cref="InvalidOperationException">No sender is configured.</exception>
    public SmtpSenderSettings Route(string recipient) =>
        Settings.SenderFor(recipient) ?? throw new InvalidOperationException("no SMTP sender is configured (email.senders)");

    /// <inheritdoc />
    public MailboxAddress FromFor(string recipient, string? fallback)
    {
        var entry = Route(recipient);
        // §10.2 Sender (Identifier): if blank, the mailbox user's address, else the best name the server has.
        var address = entry.Sender ?? fallback ?? $"voicemail@{Settings.MailDomain ?? entry.Domains.FirstOrDefault() ?? "localhost"}";
        return new MailboxAddress(entry.SenderName ?? "", address);
    }

    /// <inheritdoc />
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var recipient = message.To.Mailboxes.FirstOrDefault()?.Address
            ?? throw new EmailRejectedException("the e-mail has no recipient");
        var entry = Route(recipient);
        using var client = new SmtpClient { Timeout = Settings.TimeoutSeconds * 1000 };
        if (entry.CertificateSha256 is { } pin)
            client.ServerCertificateValidationCallback = (_, certificate, _, _) => Matches(certificate, pin);
        try
        {
            await client.ConnectAsync(entry.Host, entry.Port, SocketOptions(entry.Security), cancellationToken).ConfigureAwait(false);
            if (entry.User is { } user)
                await AuthenticateAsync(client, entry, user, cancellationToken).ConfigureAwait(false);
            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            // 5xx: a permanent answer (RFC 5321 §4.2.1); the same e-mail would be refused again.
            throw new EmailRejectedException($"{entry.Host}:{entry.Port} refused it: {(int)e.StatusCode} {e.Message}", e);
        }
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or OperationCanceledException)
        {
            // Accepted already; a server that drops the line on QUIT does not undo that.
        }
    }

    /// <summary>A short description of an entry for logs and <c>vmc mail</c>: <c>host:port (starttls, as user)</c>.</summary>
    public static string Describe(SmtpSenderSettings entry) =>
        $"{entry.Host}:{entry.Port} ({entry.Security.ToString().ToLowerInvariant()}{(entry.User is null ? "" : $", as {entry.User}{(entry.CramMd5 ? " with CRAM-MD5" : "")}")})";

    private async Task AuthenticateAsync(SmtpClient client, SmtpSenderSettings entry, string user, CancellationToken cancellationToken)
    {
        var credentials = new NetworkCredential(user, await PasswordAsync(entry, cancellationToken).ConfigureAwait(false));
        if (!entry.CramMd5)
        {
            await client.AuthenticateAsync(credentials, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (!client.AuthenticationMechanisms.Contains("CRAM-MD5"))
            throw new AuthenticationException($"{entry.Host} does not offer CRAM-MD5 (it offers: {string.Join(", ", client.AuthenticationMechanisms)})");
        await client.AuthenticateAsync(new SaslMechanismCramMd5(credentials), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The password: from the file each time (so a changed one needs no restart), else from the configuration.</summary>
    private async Task<string> PasswordAsync(SmtpSenderSettings entry, CancellationToken cancellationToken)
    {
        if (entry.PasswordFile is not { } file)
            return entry.Password ?? "";
        var path = Path.GetFullPath(file, baseDirectory);
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return text.TrimEnd('\r', '\n');
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };

    /// <summary>A pinned certificate matches by its SHA-256 alone: a self-signed relay needs no chain.</summary>
    private static bool Matches(X509Certificate? certificate, string pin) =>
        certificate is not null && CryptographicOperations.FixedTimeEquals(
            Convert.FromHexString(pin), SHA256.HashData(certificate.GetRawCertData()));
}
