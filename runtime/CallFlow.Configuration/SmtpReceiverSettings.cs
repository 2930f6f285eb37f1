namespace CallFlow.Configuration;

/// <summary>
/// The embedded SMTP receiver (reference §10.3, Internal): it accepts mail for the mailboxes of one domain
/// (<c>Extn201@domain</c>, <c>201@domain</c>, <c>Alice@domain</c>) and stores the WAV it carries as a new message.
/// </summary>
/// <param name="Enabled">Whether the server listens at all (default off).</param>
/// <param name="Address">The address it listens on (default 127.0.0.1).</param>
/// <param name="Port">The port (default 2525).</param>
/// <param name="Domain">The only recipient domain accepted, lower case: given, else the first sender's first domain.</param>
/// <param name="MaxMessageMegabytes">Largest message accepted, in MiB (default 32: an hour of µ-law audio, base64-encoded, fits).</param>
public sealed record SmtpReceiverSettings(bool Enabled, string Address, int Port, string? Domain, int MaxMessageMegabytes)
{
    /// <summary>Off, on 127.0.0.1:2525, no domain, 32 MiB.</summary>
    public static SmtpReceiverSettings Default { get; } = new(false, "127.0.0.1", 2525, null, 32);
}
