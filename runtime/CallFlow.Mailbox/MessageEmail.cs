namespace CallFlow.Mailbox;

/// <summary>
/// The e-mail a mailbox's e-mail mode sends for a new message (reference §10.4), queued by
/// <see cref="IMessageRecording.CommitAsync"/> in the same transaction as the message itself, so there is never a
/// message without its e-mail or an e-mail without its message. Its text is <see cref="VoicemailEmailText"/>'s.
/// </summary>
/// <param name="To">The user's or group's Voicemail E-mail address.</param>
/// <param name="Mode"><see cref="EmailKind.Copy"/>, <see cref="EmailKind.Forward"/> or <see cref="EmailKind.Alert"/>.</param>
/// <example><c>new RecordingRequest("Alice") { Email = new MessageEmail("alice@example.com", EmailKind.Forward) }</c></example>
public sealed record MessageEmail(string To, EmailKind Mode)
{
    /// <summary>Where the times in an alert are shown (the site's zone); UTC when not set.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(To);
        if (Mode is not (EmailKind.Copy or EmailKind.Forward or EmailKind.Alert))
            throw new ArgumentException($"a message e-mail is Copy, Forward or Alert, not {Mode}", nameof(Mode));
    }
}
