namespace CallFlow.Mailbox;

/// <summary>Where an outbox e-mail is. The numeric values are stored in <c>mailbox.db</c>: never renumber, only add.</summary>
public enum OutboxState
{
    /// <summary>Waiting for its next attempt (<see cref="OutboxEmail.NextAttemptUtc"/>).</summary>
    Queued = 0,

    /// <summary>A mail server accepted it.</summary>
    Sent = 1,

    /// <summary>Given up: every attempt failed, or the server refused it for good. Kept until an operator retries it.</summary>
    Failed = 2,
}
