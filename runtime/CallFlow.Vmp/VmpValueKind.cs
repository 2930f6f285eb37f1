namespace CallFlow.Vmp;

/// <summary>What a 12-byte value holds: its kind, and a 64-bit payload whose meaning depends on it.</summary>
public enum VmpValueKind : byte
{
    /// <summary>Payload: string index; the text may name call variables, replaced at run time.</summary>
    Text = 1,
    /// <summary>Payload: the number.</summary>
    Integer = 2,
    /// <summary>Payload: milliseconds.</summary>
    Duration = 3,
    /// <summary>Payload: 0 or 1.</summary>
    Boolean = 4,
    /// <summary>Payload: string index of a name (enum value, language, user variable, condition, exit).</summary>
    Name = 5,
    /// <summary>Payload: string index of a variable ("$KEY", "$REG[Night]"), read at run time.</summary>
    Variable = 6,
    /// <summary>The presumed user's mailbox (Voicemail Pro's "caller's mailbox"). Payload: 0.</summary>
    CallerMailbox = 7,
    /// <summary>Payload: string index of a mailbox name (may name variables).</summary>
    Mailbox = 8,
    /// <summary>Payload: minutes since midnight.</summary>
    TimeOfDay = 9,
    /// <summary>Payload: prompt index.</summary>
    Prompt = 10,
    /// <summary>Payload: days bit set (bit 0 Monday) &lt;&lt; 32 | start minute &lt;&lt; 16 | end minute (end exclusive, up to 1440).</summary>
    WeekPeriod = 11,
    /// <summary>Payload: first day number &lt;&lt; 32 | last day number (DateOnly.DayNumber, inclusive).</summary>
    DateRange = 12,
}
