namespace CallFlow.Email.Sending;

/// <summary>
/// A mail server refused an e-mail for good (an SMTP 5xx reply to MAIL, RCPT or DATA), or it cannot be built (its
/// attachment is gone): trying again would give the same answer, so the outbox marks it failed at once.
/// </summary>
public sealed class EmailRejectedException : Exception
{
    /// <summary>A rejection with its reason.</summary>
    public EmailRejectedException(string message) : base(message) { }

    /// <summary>A rejection with its reason and the error that reported it.</summary>
    public EmailRejectedException(string message, Exception inner) : base(message, inner) { }
}
