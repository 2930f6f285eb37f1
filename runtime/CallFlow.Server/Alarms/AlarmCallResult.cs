namespace CallFlow.Server.Alarms;

/// <summary>How one alarm call went.</summary>
public enum AlarmCallResult
{
    /// <summary>Answered, and the cancel code keyed when the alarm has one: the occurrence is done.</summary>
    Acknowledged,

    /// <summary>Answered, but hung up (or the bound ran out) before the cancel code was keyed: repeated like an
    /// unanswered call.</summary>
    NotAcknowledged,

    /// <summary>Busy (486, 600, 603).</summary>
    Busy,

    /// <summary>Rang out, or no answer at all.</summary>
    NoAnswer,

    /// <summary>Any other failure (404, 5xx, no RTP port), or no <c>server.pbx_address</c> to call through.</summary>
    Failed,

    /// <summary>The server stopped during the call: the book is left as it was, so the alarm is due again after a
    /// restart.</summary>
    Interrupted,
}
