namespace CallFlow.Server.Alarms;

/// <summary>How often an alarm rings (Alarm Set's Frequency: Single, Daily, Weekly; variable values 1, 2, 3).</summary>
public enum AlarmFrequency
{
    /// <summary>Once, on its day; then it leaves the book.</summary>
    Single,

    /// <summary>Every day at its time.</summary>
    Daily,

    /// <summary>Every week on its day at its time.</summary>
    Weekly,
}
