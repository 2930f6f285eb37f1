using System.Net;
using CallFlow.Configuration;

namespace CallFlow.Email.Receiving;

/// <summary>Where the <see cref="SmtpReceiver"/> listens, what it takes, and its limits.</summary>
/// <param name="Recipients">The domain and the mailboxes mail may be addressed to.</param>
/// <example><c>SmtpReceiverOptions.For(configuration)</c>, or in tests <c>new SmtpReceiverOptions(recipients) { Port = 0 }</c>.</example>
public sealed record SmtpReceiverOptions(SmtpRecipients Recipients)
{
    /// <summary>The address to listen on (default loopback).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The port; 0 takes a free one (see <see cref="SmtpReceiver.Port"/>).</summary>
    public int Port { get; init; } = 2525;

    /// <summary>Largest message accepted, in bytes, as sent (base64 included); announced with SIZE (RFC 1870).</summary>
    public long MaxMessageBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Clients connected at once; more are told 421 and closed.</summary>
    public int MaxConnections { get; init; } = 64;

    /// <summary>Recipients in one message.</summary>
    public int MaxRecipients { get; init; } = 100;

    /// <summary>How long a client may stay silent (RFC 5321 §4.5.3.2 asks for minutes; 5 is the shortest it names).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The name in the greeting and the EHLO reply.</summary>
    public string HostName { get; init; } = "callflow";

    /// <summary>One line per delivery and per refusal worth knowing. Null: silent.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The receiver <c>callflow.json</c> describes; null when it is off or has no domain.</summary>
    public static SmtpReceiverOptions? For(CallFlowConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.Email.Receiver;
        if (!settings.Enabled || settings.Domain is not { } domain)
            return null;
        return new SmtpReceiverOptions(SmtpRecipients.For(configuration, domain))
        {
            Address = IPAddress.Parse(settings.Address),
            Port = settings.Port,
            MaxMessageBytes = settings.MaxMessageMegabytes * 1024L * 1024,
            HostName = domain,
        };
    }
}
