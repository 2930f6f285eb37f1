namespace CallFlow.Mailbox;

/// <summary>The outcome of a voicemail code entry.</summary>
public enum CodeVerificationStatus
{
    /// <summary>The code matched; the failure counter is back to zero.</summary>
    Accepted,

    /// <summary>The code did not match; the failure was counted (and may have started a lockout).</summary>
    Rejected,

    /// <summary>The mailbox is locked after repeated failures; the code was not even checked.</summary>
    LockedOut,

    /// <summary>The mailbox has no code, so remote access is not configured (§7.7).</summary>
    NoCode,

    /// <summary>There is no mailbox of that name.</summary>
    UnknownMailbox,
}
