using System.Collections.Immutable;

namespace CallFlow.Configuration;

/// <summary>
/// One entry of the SMTP Sender list (reference §10.2): the server mail goes to, how to reach it, who the mail is from,
/// and the recipient domains it serves. The first entry is the default for every recipient no other entry claims, and
/// its first domain is the mail domain the SMTP receiver accepts.
/// </summary>
/// <param name="Host">The SMTP server: a host name or an IP address.</param>
/// <param name="Port">Its port (default 25; 465 for <see cref="SmtpSecurity.Tls"/>).</param>
/// <param name="Security">Plain, STARTTLS or implicit TLS.</param>
/// <param name="Domains">Recipient domains routed to this entry, lower case (Mail Domain).</param>
/// <param name="Sender">The From address (Sender (Identifier)); null: the mailbox owner's address, else <c>voicemail@</c> the mail domain.</param>
/// <param name="SenderName">The display name put with the From address, or null.</param>
/// <param name="User">Account name when the server requires authentication, else null.</param>
/// <param name="Password">The password, when given in the file.</param>
/// <param name="PasswordFile">A file holding the password, when given instead, as written: relative to the configuration file
/// (<see cref="CallFlowConfiguration.ResolvePath"/>); read at each connection, so a changed password needs no restart.</param>
/// <param name="CramMd5">Authenticate with CRAM-MD5 only (Use Challenge Response Authentication).</param>
/// <param name="CertificateSha256">Pinned server certificate: its SHA-256 as 64 upper-case hex digits; null: the usual chain checks.</param>
/// <example><c>new SmtpSenderSettings("mail.example.com", 587, SmtpSecurity.StartTls, ["example.com"], "voicemail@example.com", null, "vm", "secret", null, false, null)</c></example>
public sealed record SmtpSenderSettings(
    string Host,
    int Port,
    SmtpSecurity Security,
    ImmutableArray<string> Domains,
    string? Sender,
    string? SenderName,
    string? User,
    string? Password,
    string? PasswordFile,
    bool CramMd5,
    string? CertificateSha256)
{
    /// <summary>The port used when none is given: 465 for implicit TLS, else 25 (the installer's default, §10.2).</summary>
    public static int DefaultPort(SmtpSecurity security) => security == SmtpSecurity.Tls ? 465 : 25;

    /// <summary>Whether this entry serves <paramref name="domain"/> (compared without regard to case).</summary>
    public bool Serves(string domain) => Domains.Contains(domain.ToLowerInvariant());
}
