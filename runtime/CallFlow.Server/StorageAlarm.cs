using CallFlow.Configuration;

namespace CallFlow.Server;

/// <summary>The level of a <see cref="StorageAlarm"/>.</summary>
public enum StorageAlarmLevel
{
    /// <summary>Above the threshold (or back above threshold + 30 after an alarm).</summary>
    Ok,
    /// <summary>Below the threshold.</summary>
    Low,
    /// <summary>Below the critical level.</summary>
    Critical,
}

/// <summary>
/// The disk space alarm of reference §8.4 as a state machine over the free space it is shown: Low below the threshold,
/// Critical below the critical level, and Ok again only above the threshold + 30 ("Space OK"), so free space that
/// hovers around the threshold raises the alarm once. Pure: the server feeds it readings and logs what it returns.
/// </summary>
/// <example><code>
/// var alarm = new StorageAlarm(DiskAlarm.Default);
/// if (alarm.Observe(freeBytes) is { } change) log(change);   // "disk space low: 55 MB left (alarm at 60 MB)"
/// </code></example>
public sealed class StorageAlarm(DiskAlarm settings)
{
    /// <summary>The level after the last reading.</summary>
    public StorageAlarmLevel Level { get; private set; }

    /// <summary>The last reading, in the alarm's unit.</summary>
    public long? Last { get; private set; }

    /// <summary>Takes a reading of free bytes; returns a line to log when the level changed, else null.</summary>
    public string? Observe(long freeBytes)
    {
        var left = settings.Measure(freeBytes);
        Last = left;
        var level = left < settings.Critical ? StorageAlarmLevel.Critical
            : left < settings.Threshold ? StorageAlarmLevel.Low
            : left >= settings.SpaceOk || Level == StorageAlarmLevel.Ok ? StorageAlarmLevel.Ok
            : StorageAlarmLevel.Low; // between the threshold and Space OK: an alarm already raised stays
        if (level == Level)
            return null;
        Level = level;
        return level switch
        {
            StorageAlarmLevel.Critical => $"disk space critical: {left} {settings.UnitName} left (critical below {settings.Critical})",
            StorageAlarmLevel.Low => $"disk space low: {left} {settings.UnitName} left (alarm below {settings.Threshold})",
            _ => $"space OK: {left} {settings.UnitName} left (at least {settings.SpaceOk})",
        };
    }
}
