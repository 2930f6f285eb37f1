using System.Collections.Immutable;
using System.Globalization;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Vm;

/// <summary>The Miscellaneous actions the machine performs itself: Clock, and the caller's side of Alarm Set.</summary>
public sealed partial class Machine
{
    /// <summary>A clock left talking to a forgotten handset stops after this many readings (Voicemail Pro has no limit).</summary>
    internal const int MaxClockRepeats = 30;

    /// <summary>Entries the caller gets for an alarm's extension or time before the action gives up (Next, nothing booked).</summary>
    internal const int AlarmEntryAttempts = 3;

    /// <summary>Clock: "the time is" and the time of day in the server's zone; with repeat_until_key again until a key.</summary>
    private Step? Clock(CallState call, int record, int table)
    {
        if (call.HungUpAt is not null)
            return Take(call, table, "Next");
        call.Stage = 0;
        return SayTime(call);
    }

    private Step SayTime(CallState call)
    {
        call.Waiting = Waiting.Clock;
        var local = TimeZoneInfo.ConvertTime(call.Variables.Now, call.Variables.Zone);
        return Step.Suspend(new PlayEffect(
            [new PlayPrompt(VmpPromptKind.System, "the_time_is"), new PlayPrompt(VmpPromptKind.System, SystemPromptArguments.Time(local.Hour, local.Minute))],
            Languages(call)));
    }

    private Step? ClockPlayed(CallState call, Node node, PlayedOutcome played)
    {
        // A key ends the clock; it answered the clock, so it is not kept for a later menu.
        if (played.BargeIn.Length == 0 && program.Setting(node.B, "repeat_until_key") is { IsEmpty: false } repeat && repeat[0].Payload != 0
            && ++call.Stage < MaxClockRepeats)
            return SayTime(call);
        call.Stage = 0;
        return Take(call, node.C, "Next");
    }

    /// <summary>
    /// Alarm Set: asks the caller for what the flow leaves open (target "?" or none: the extension; no valid time: hh:mm
    /// as four keys), then hands the booking to the host with every field resolved: target, time, frequency, the day
    /// ("today" becomes the weekday of the call), display, ring time, retries, interval, cancel code and file.
    /// </summary>
    private Step? AlarmSet(CallState call, int record, int table)
    {
        if (call.HungUpAt is not null)
            return Take(call, table, "Next");
        if (call.Stage == 0)
        {
            call.Answer1 = Text(call, record, "target");
            call.Answer2 = NormalizeTime(Text(call, record, "time")) ?? "";
            call.Attempts = 0;
            call.Stage = 1;
        }
        if (call.Answer1 is "" or "?")
            return AskAlarm(call, EnterExtension, 15);
        if (call.Answer2 == "")
            return AskAlarm(call, EnterAlarmTime, 4);

        call.Stage = 0;
        call.Attempts = 0;
        var settings = Settings(call, record).SetItems(
        [
            new("target", call.Answer1),
            new("time", call.Answer2),
            new("frequency", Frequency(Text(call, record, "frequency"))),
            new("day", AlarmDay(call, Text(call, record, "day"))),
            new("display", Text(call, record, "display") is { Length: > 0 } display ? display : "ALARM"),
            new("ring_time", (Number(record, "ring_time", 60_000) / 1000).ToString(CultureInfo.InvariantCulture) + "s"),
            new("retries", Number(record, "retries", 0).ToString(CultureInfo.InvariantCulture)),
            new("interval", (Number(record, "interval", 5 * 60_000) / 60_000).ToString(CultureInfo.InvariantCulture) + "m"),
        ]);
        call.Waiting = Waiting.Request;
        return Step.Suspend(new RequestEffect("alarm_set", settings, NextOnly));
    }

    private static readonly ImmutableArray<PlayPrompt> EnterExtension = [new(VmpPromptKind.System, "enter_extension")];
    private static readonly ImmutableArray<PlayPrompt> EnterAlarmTime = [new(VmpPromptKind.System, "enter_alarm_time")];
    private static readonly ImmutableArray<PlayPrompt> InvalidEntry = [new(VmpPromptKind.System, "invalid_entry")];
    private static readonly ImmutableArray<PlayPrompt> InvalidTime = [new(VmpPromptKind.System, "invalid_time")];

    private Step AskAlarm(CallState call, ImmutableArray<PlayPrompt> prompt, int maxDigits)
    {
        call.Waiting = Waiting.AlarmEntry;
        return Step.Suspend(new CollectDigitsEffect(maxDigits, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), TakeTypeAhead(call), false)
        {
            Prompts = prompt,
            Languages = Languages(call),
        });
    }

    private Step? AlarmEntered(CallState call, Node node, string digits)
    {
        var askingTarget = call.Answer1 is "" or "?";
        if (askingTarget && digits.Length > 0 && digits.All(char.IsAsciiDigit))
            call.Answer1 = digits;
        else if (!askingTarget && NormalizeTime(digits) is { } time)
            call.Answer2 = time;
        else if (++call.Attempts >= AlarmEntryAttempts)
        {
            // Nothing usable after three tries: no alarm is booked.
            call.Stage = 0;
            call.Attempts = 0;
            return Take(call, node.C, "Next");
        }
        else
            return AskAlarm(call, askingTarget ? InvalidEntry : InvalidTime, askingTarget ? 15 : 4);
        call.Attempts = 0;
        return AlarmSet(call, node.B, node.C);
    }

    /// <summary>"07:30", "0730" or "730" as "07:30"; null when it is not a time of day.</summary>
    internal static string? NormalizeTime(string text)
    {
        var digits = text.Replace(":", "", StringComparison.Ordinal);
        if (digits.Length is < 3 or > 4 || !digits.All(char.IsAsciiDigit) || (text.Contains(':') && text.IndexOf(':') != text.Length - 3))
            return null;
        var hour = int.Parse(digits[..^2], CultureInfo.InvariantCulture);
        var minute = int.Parse(digits[^2..], CultureInfo.InvariantCulture);
        return hour < 24 && minute < 60 ? $"{hour:D2}:{minute:D2}" : null;
    }

    /// <summary>single / daily / weekly, or Voicemail Pro's variable values 1 / 2 / 3; anything else is single.</summary>
    private static string Frequency(string text) => text.Trim() switch
    {
        "daily" or "2" => "daily",
        "weekly" or "3" => "weekly",
        _ => "single",
    };

    private static string AlarmDay(CallState call, string day)
    {
        if (day.Length > 0 && !day.Equals("today", StringComparison.OrdinalIgnoreCase))
            return day;
        var local = TimeZoneInfo.ConvertTime(call.Variables.Now, call.Variables.Zone);
        return local.DayOfWeek.ToString()[..3];
    }
}
