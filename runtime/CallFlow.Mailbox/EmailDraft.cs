namespace CallFlow.Mailbox;

/// <summary>An e-mail to queue on its own (<see cref="IEmailOutbox.QueueEmailAsync"/>): the eMail action's (reference §10.5).</summary>
/// <param name="To">The recipient address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">The plain-text body.</param>
/// <example><c>new EmailDraft("night@acme.example", "Message from 201", "Left at 22:10") { AttachmentMessageId = call.LastRecording }</c></example>
public sealed record EmailDraft(string To, string Subject, string Body)
{
    /// <summary>The From address to use when the SMTP sender entry names none (§10.2: Sender blank), or null.</summary>
    public string? From { get; init; }

    /// <summary>A message whose audio is attached, read from its file when the e-mail is sent (nothing is copied).</summary>
    public string? AttachmentMessageId { get; init; }

    /// <summary>A WAV file to attach instead (a full path), read when the e-mail is sent.</summary>
    public string? AttachmentFile { get; init; }
}
