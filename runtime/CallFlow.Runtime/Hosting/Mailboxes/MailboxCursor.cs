using CallFlow.Mailbox;

namespace CallFlow.Runtime.Hosting.Mailboxes;

/// <summary>
/// The mailbox a call has open and where it is in it: the list of the category it chose (in that category's playback
/// order, taken once so that marking a message does not move the others) and the selected message.
/// </summary>
public sealed class MailboxCursor(MailboxOwner owner)
{
    /// <summary>The open mailbox.</summary>
    public MailboxOwner Owner { get; } = owner;

    /// <summary>The messages of the chosen category.</summary>
    public IReadOnlyList<MessageInfo> Messages { get; set; } = [];

    /// <summary>The selected message's index in <see cref="Messages"/>, or -1.</summary>
    public int Index { get; set; } = -1;

    /// <summary>The selected message, or null.</summary>
    public MessageInfo? Current => Index >= 0 && Index < Messages.Count ? Messages[Index] : null;
}
