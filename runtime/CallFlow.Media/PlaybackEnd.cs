namespace CallFlow.Media;

/// <summary>How a queued piece of audio finished.</summary>
public enum PlaybackEnd
{
    /// <summary>It played to the end.</summary>
    Completed,

    /// <summary>A key arrived while it was playing or queued, and it allowed barge-in.</summary>
    BargedIn,

    /// <summary>Playback was stopped (<see cref="RtpSession.StopPlayback"/>) or the session closed.</summary>
    Stopped,
}
