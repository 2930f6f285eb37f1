namespace CallFlow.Configuration;

/// <summary>
/// Voicemail Pro's disk space alarm (reference §8.4, "SNMP Alarm"): the server warns when the data directory's free
/// space falls below <see cref="Threshold"/>, raises a critical alarm below <see cref="Critical"/>, and says "space OK"
/// only once it is back above <see cref="SpaceOk"/>, so a level near the threshold does not make an alarm a minute.
/// </summary>
/// <param name="Unit">Megabytes of free space, or minutes of recording time left.</param>
/// <param name="Threshold">The alarm level, at least 11 (default 60).</param>
public sealed record DiskAlarm(DiskAlarmUnit Unit, int Threshold)
{
    /// <summary>The lowest threshold Voicemail Pro takes.</summary>
    public const int MinThreshold = 11;

    /// <summary>60 MB, as Voicemail Pro's defaults.</summary>
    public static DiskAlarm Default { get; } = new(DiskAlarmUnit.Megabytes, 60);

    /// <summary>The level at which the alarm clears: the threshold + 30.</summary>
    public int SpaceOk => Threshold + 30;

    /// <summary>The critical level: 30, or the threshold − 10 when the threshold is below 40.</summary>
    public int Critical => Threshold < 40 ? Threshold - 10 : 30;

    /// <summary>Free bytes as this alarm counts them: whole megabytes, or whole minutes of 8 kHz µ-law (480,000 bytes each).</summary>
    public long Measure(long freeBytes) => Unit == DiskAlarmUnit.Minutes ? freeBytes / (8000 * 60) : freeBytes / (1024 * 1024);

    /// <summary>The unit as the log says it.</summary>
    public string UnitName => Unit == DiskAlarmUnit.Minutes ? "minutes of recording time" : "MB";
}

/// <summary>What a <see cref="DiskAlarm"/> counts (Voicemail Pro's "Alarm Threshold Unit").</summary>
public enum DiskAlarmUnit
{
    /// <summary>Disk Space Left (MB).</summary>
    Megabytes,
    /// <summary>Recording Time left (minutes).</summary>
    Minutes,
}
