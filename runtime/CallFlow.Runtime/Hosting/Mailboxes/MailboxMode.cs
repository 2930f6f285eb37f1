namespace CallFlow.Runtime.Hosting.Mailboxes;

/// <summary>The server's telephony interface for mailboxes (reference §7.2): Intuity emulation (the default) or IP Office mode.</summary>
public enum MailboxMode
{
    /// <summary>Intuity emulation: 0 always breaks out, 1 skips the greeting, minimum message length 3 s.</summary>
    Intuity,
    /// <summary>IP Office mode: 0 before the tone takes Failure, after the tone Success.</summary>
    IpOffice,
}
