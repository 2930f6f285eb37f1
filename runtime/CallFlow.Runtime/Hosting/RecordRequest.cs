namespace CallFlow.Runtime.Hosting;

/// <summary>How to record: the longest recording, the keys that end it (and are reported), and how much silence
/// ends it.</summary>
public sealed record RecordRequest(TimeSpan MaxLength, string EndKeys, TimeSpan SilenceTimeout);
