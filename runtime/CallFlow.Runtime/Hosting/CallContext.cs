using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Hosting;

/// <summary>
/// What request handlers know about one call: its channel, its machine state and variables, who called whom and
/// why, and the call's last recording (for eMail's <c>$</c> and Whisper).
/// </summary>
public sealed class CallContext(ICallChannel channel, CallState state, CallInfo info)
{
    /// <summary>The caller's side.</summary>
    public ICallChannel Channel { get; } = channel;

    /// <summary>The machine's state of the call (variables, language).</summary>
    public CallState State { get; } = state;

    /// <summary>Who called, which mailbox, and why the call reached voicemail.</summary>
    public CallInfo Info { get; } = info;

    /// <summary>The mailbox the call opened (mailbox_open) and the message it selected, for the mailbox steps.</summary>
    public Mailboxes.MailboxCursor? Mailbox { get; set; }

    /// <summary>The mailbox whose voicemail code this call has entered correctly (a <c>pin "$"</c> or the code asked on
    /// opening it), so it is not asked again.</summary>
    public string? CodeEnteredFor { get; set; }

    /// <summary>The id of the message or file the call recorded last (Leave Mail, Listen, Voice Question), or null.</summary>
    public string? LastRecording { get; set; }
}
