namespace CallFlow.Runtime.Hosting;

/// <summary>Why a recording stopped.</summary>
public enum RecordingEnd
{
    /// <summary>The caller pressed one of the end keys (<see cref="RecordingResult.Key"/>).</summary>
    Key,
    /// <summary>The caller stopped talking for the silence timeout.</summary>
    Silence,
    /// <summary>The longest length was reached.</summary>
    MaxLength,
    /// <summary>The caller hung up; what was recorded so far is kept.</summary>
    HangUp,
}
