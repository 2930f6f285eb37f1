namespace CallFlow.Sip.Transactions;

/// <summary>The states of RFC 3261 §17.2.1 (INVITE) and §17.2.2 (others).</summary>
public enum ServerTransactionState
{
    /// <summary>Non-INVITE: received, nothing answered yet.</summary>
    Trying,
    /// <summary>A provisional response was sent (INVITE starts here).</summary>
    Proceeding,
    /// <summary>A final response was sent; retransmissions of the request get it again.</summary>
    Completed,
    /// <summary>INVITE only: the ACK for a non-2xx final response arrived.</summary>
    Confirmed,
    /// <summary>Done; the transaction is forgotten.</summary>
    Terminated,
}
