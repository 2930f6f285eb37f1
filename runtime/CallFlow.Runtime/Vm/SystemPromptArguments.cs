using System.Globalization;

namespace CallFlow.Runtime.Vm;

/// <summary>
/// System prompts that carry a value: "say_time:14:05", "say_number:42", "say_digits:201". The prompt player reads
/// them out from the number prompts of the call's language; a transcript shows them as they are.
/// </summary>
public static class SystemPromptArguments
{
    /// <summary>A time of day, 24-hour.</summary>
    public static string Time(int hour, int minute) => string.Create(CultureInfo.InvariantCulture, $"say_time:{hour:D2}:{minute:D2}");

    /// <summary>A whole number, read as a number ("forty-two").</summary>
    public static string Number(long value) => string.Create(CultureInfo.InvariantCulture, $"say_number:{value}");
}
