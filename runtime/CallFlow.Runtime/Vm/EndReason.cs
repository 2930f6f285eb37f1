namespace CallFlow.Runtime.Vm;

/// <summary>How a call left the flows.</summary>
public enum EndReason
{
    /// <summary>A disconnect action or an unconnected result: the call is cleared.</summary>
    Disconnected,
    /// <summary>In a Queued or Still Queued flow: the caller goes back to the hunt group queue.</summary>
    ReturnedToQueue,
    /// <summary>A blind transfer took the call away from voicemail.</summary>
    Transferred,
    /// <summary>The caller hung up (and Complete Sequence, if set, has run its course).</summary>
    CallerHungUp,
    /// <summary>The PIN was entered wrongly three times.</summary>
    WrongPin,
}
