namespace CallFlow.Mailbox;

/// <summary>What is known about a message when its recording starts.</summary>
/// <param name="Mailbox">Target mailbox; it must exist (<see cref="IMailboxStore.EnsureMailboxAsync"/>).</param>
/// <example><c>new RecordingRequest("Sales") { CallerNumber = "01632960123", Priority = true }</c></example>
public sealed record RecordingRequest(string Mailbox)
{
    /// <summary>The caller's number, when known.</summary>
    public string? CallerNumber { get; init; }

    /// <summary>The caller's name, when known.</summary>
    public string? CallerName { get; init; }

    /// <summary>Message (the default) or call recording.</summary>
    public MessageKind Kind { get; init; } = MessageKind.Message;

    /// <summary>Intuity priority flag.</summary>
    public bool Priority { get; init; }

    /// <summary>Intuity private flag.</summary>
    public bool Private { get; init; }

    /// <summary>
    /// Shorter audio is discarded at commit (§7.14). Null takes <see cref="MailboxStoreOptions.MinimumMessageLength"/>.
    /// </summary>
    public TimeSpan? MinimumLength { get; init; }
}
