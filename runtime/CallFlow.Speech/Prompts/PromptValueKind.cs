namespace CallFlow.Speech.Prompts;

/// <summary>What a composed prompt reads out.</summary>
public enum PromptValueKind
{
    /// <summary>A whole number, read as a number ("say_number:42": forty-two).</summary>
    Number,

    /// <summary>Characters read one by one (<c>digits(...)</c>, "say_digits:201": two zero one; * and # by name).</summary>
    Digits,

    /// <summary>A time of day, 24-hour ("say_time:14:05").</summary>
    Time,

    /// <summary>A calendar date ("say_date:2026-11-23": the weekday, the day and the month).</summary>
    Date,
}
