namespace CallFlow.Mailbox;

/// <summary>
/// One stored message, as read from the store. Its audio is reached through
/// <see cref="IMailboxStore.OpenPlaybackAsync"/>, which also keeps housekeeping away from it.
/// </summary>
/// <param name="Id">Store-wide unique id: letters, digits, '_' and '-', at most 64 characters; also the file name.</param>
/// <param name="Mailbox">The mailbox name (exact, case-sensitive).</param>
/// <param name="Kind">Message or call recording.</param>
/// <param name="State">Its state (§7.5).</param>
/// <param name="CallerNumber">The caller's number (ICLID), when known.</param>
/// <param name="CallerName">The caller's name, when known.</param>
/// <param name="ReceivedUtc">When the recording started (from the store's clock), or when a copy arrived.</param>
/// <param name="StateChangedUtc">When it entered its current state; housekeeping ages a message from here.</param>
/// <param name="Duration">Length of the audio (G.711: 8 bytes per millisecond).</param>
/// <param name="Priority">Intuity priority flag.</param>
/// <param name="Private">Intuity private flag (may not be forwarded by the user interface).</param>
/// <param name="ForwardedFrom">For a forwarded or broadcast copy, the mailbox it came from.</param>
public sealed record MessageInfo(
    string Id,
    string Mailbox,
    MessageKind Kind,
    MessageState State,
    string? CallerNumber,
    string? CallerName,
    DateTimeOffset ReceivedUtc,
    DateTimeOffset StateChangedUtc,
    TimeSpan Duration,
    bool Priority,
    bool Private,
    string? ForwardedFrom)
{
    /// <summary>The housekeeping category this message is in now.</summary>
    public MessageCategory Category => CategoryOf(Kind, State);

    /// <summary>
    /// Maps kind and state to a housekeeping category: Deleted wins; recordings are NewRecording until played
    /// (Unopened counts as not played), OldRecording once played, and Saved like messages.
    /// </summary>
    /// <example><c>CategoryOf(MessageKind.Recording, MessageState.Old)</c> is <see cref="MessageCategory.OldRecording"/>.</example>
    public static MessageCategory CategoryOf(MessageKind kind, MessageState state) => (kind, state) switch
    {
        (_, MessageState.Deleted) => MessageCategory.Deleted,
        (_, MessageState.AwaitingEmail) => MessageCategory.New, // never housekept (the store skips the state); nobody has heard it
        (_, MessageState.Saved) => MessageCategory.Saved,
        (MessageKind.Recording, MessageState.New or MessageState.Unopened) => MessageCategory.NewRecording,
        (MessageKind.Recording, _) => MessageCategory.OldRecording,
        (_, MessageState.New) => MessageCategory.New,
        (_, MessageState.Unopened) => MessageCategory.Unopened,
        _ => MessageCategory.Old,
    };
}
