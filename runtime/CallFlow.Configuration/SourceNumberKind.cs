namespace CallFlow.Configuration;

/// <summary>The three kinds of entry on an IP Office user's <i>Source Numbers</i> tab (reference §7.8).</summary>
public enum SourceNumberKind
{
    /// <summary><c>V&lt;number&gt;</c>: calls from this number reach the mailbox without the voicemail code.</summary>
    TrustedNumber,

    /// <summary><c>H&lt;group&gt;</c>: the user's lamp also shows the hunt group's new messages.</summary>
    GroupMessageWaiting,

    /// <summary><c>P&lt;number&gt;</c>: where alert calls go (the Callback start point).</summary>
    CallbackNumber,
}
