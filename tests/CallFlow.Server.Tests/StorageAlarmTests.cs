using CallFlow.Configuration;

namespace CallFlow.Server.Tests;

/// <summary>Reference §8.4's disk space alarm: low below the threshold, critical below its level, OK again only above threshold + 30.</summary>
public sealed class StorageAlarmTests
{
    private const long Mb = 1024 * 1024;

    [Fact]
    public void The_alarm_rises_through_low_and_critical_and_clears_only_above_the_space_ok_level()
    {
        var alarm = new StorageAlarm(DiskAlarm.Default);   // 60 MB; critical 30; OK again at 90
        Assert.Null(alarm.Observe(500 * Mb));
        Assert.Equal("disk space low: 59 MB left (alarm below 60)", alarm.Observe(59 * Mb + Mb / 2));
        Assert.Null(alarm.Observe(61 * Mb));                 // hovering above the threshold: still low, no new line
        Assert.Equal(StorageAlarmLevel.Low, alarm.Level);
        Assert.Equal("disk space critical: 29 MB left (critical below 30)", alarm.Observe(29 * Mb));
        Assert.Equal("disk space low: 45 MB left (alarm below 60)", alarm.Observe(45 * Mb));
        Assert.Null(alarm.Observe(89 * Mb));
        Assert.Equal("space OK: 90 MB left (at least 90)", alarm.Observe(90 * Mb));
        Assert.Equal(StorageAlarmLevel.Ok, alarm.Level);
        Assert.Null(alarm.Observe(70 * Mb));                 // between the threshold and Space OK, from OK: stays OK
    }

    [Fact]
    public void Minutes_count_recording_time_and_a_low_threshold_lowers_the_critical_level()
    {
        var alarm = new StorageAlarm(new DiskAlarm(DiskAlarmUnit.Minutes, 20));   // critical 10, OK at 50
        const long minute = 8000 * 60;
        Assert.Equal("disk space low: 19 minutes of recording time left (alarm below 20)", alarm.Observe(19 * minute));
        Assert.Null(alarm.Observe(11 * minute));
        Assert.Equal("disk space critical: 9 minutes of recording time left (critical below 10)", alarm.Observe(9 * minute + minute - 1));
        Assert.Equal(9, alarm.Last);
    }
}
