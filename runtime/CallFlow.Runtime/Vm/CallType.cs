namespace CallFlow.Runtime.Vm;

/// <summary>Why the IP Office sent the call to voicemail; it picks the kind of start point (reference §2.2).</summary>
public enum CallType
{
    /// <summary>Someone collects messages.</summary>
    Collect,
    /// <summary>A call redirected to voicemail (busy, no answer, DND): leave a message.</summary>
    Leave,
    /// <summary>Voicemail calls the user about new messages.</summary>
    Callback,
    /// <summary>A call waiting in a queue, first announcement.</summary>
    Queued,
    /// <summary>A call still waiting in a queue, repeated announcement.</summary>
    StillQueued,
}
