namespace CallFlow.Mailbox;

/// <summary>Thrown when an operation names a mailbox the store does not have.</summary>
public sealed class MailboxNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="mailbox"/>.</summary>
    public MailboxNotFoundException(string mailbox)
        : base($"mailbox '{mailbox}' does not exist") => Mailbox = mailbox;

    /// <summary>The (normalised) name that was not found.</summary>
    public string Mailbox { get; }
}
