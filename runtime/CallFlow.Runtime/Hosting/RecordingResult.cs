namespace CallFlow.Runtime.Hosting;

/// <summary>How a recording ended, the key that ended it (when <see cref="End"/> is <see cref="RecordingEnd.Key"/>)
/// and how long the audio written to the sink is.</summary>
public sealed record RecordingResult(RecordingEnd End, string Key, TimeSpan Length);
