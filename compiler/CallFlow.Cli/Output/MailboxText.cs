using System.Globalization;
using CallFlow.Configuration;
using CallFlow.Mailbox;

namespace CallFlow.Cli.Output;

/// <summary>How mailbox commands spell kinds, states, times and lengths, the same in text and JSON, whatever the culture.</summary>
public static class MailboxText
{
    public static string Kind(MailboxKind kind) => kind == MailboxKind.HuntGroup ? "group" : "user";

    public static string State(MessageState state) => state switch
    {
        MessageState.New => "new",
        MessageState.Old => "old",
        MessageState.Saved => "saved",
        MessageState.Unopened => "unopened",
        MessageState.AwaitingEmail => "awaiting e-mail",
        _ => "deleted",
    };

    /// <summary>An outbox e-mail's state: <c>queued</c>, <c>sent</c>, <c>failed</c>.</summary>
    public static string State(OutboxState state) => state switch
    {
        OutboxState.Sent => "sent",
        OutboxState.Failed => "failed",
        _ => "queued",
    };

    /// <summary>Why an e-mail was queued: <c>action</c> (the eMail action), <c>copy</c>, <c>forward</c>, <c>alert</c>.</summary>
    public static string Kind(EmailKind kind) => kind switch
    {
        EmailKind.Copy => "copy",
        EmailKind.Forward => "forward",
        EmailKind.Alert => "alert",
        _ => "action",
    };

    public static string EmailMode(EmailMode mode) => mode switch
    {
        Configuration.EmailMode.Copy => "copy",
        Configuration.EmailMode.Forward => "forward",
        Configuration.EmailMode.Alert => "alert",
        _ => "off",
    };

    public static string OnOff(bool value) => value ? "on" : "off";

    /// <summary>Local time in the configured zone: <c>2025-03-04 10:15:00</c>.</summary>
    public static string Time(DateTimeOffset utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(utc, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Minutes and seconds, rounded down: <c>0:14</c>, <c>60:00</c>.</summary>
    public static string Duration(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}:{duration.Seconds:00}");

    /// <summary>Seconds with one decimal: <c>4.2 s</c>.</summary>
    public static string Seconds(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(duration.TotalSeconds * 10) / 10:0.0} s");

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string SourceNumber(SourceNumber number) => number.Kind switch
    {
        SourceNumberKind.TrustedNumber => $"{number} (trusted)",
        SourceNumberKind.GroupMessageWaiting => $"{number} (group lamp)",
        _ => $"{number} (callback)",
    };

    /// <summary>"0 → 200, 2 → none, 3 → none".</summary>
    public static string Breakout(BreakoutNumbers numbers) =>
        $"0 → {numbers.Dtmf0 ?? "none"}, 2 → {numbers.Dtmf2 ?? "none"}, 3 → {numbers.Dtmf3 ?? "none"}";

    /// <summary>"1 mailbox", "3 mailboxes".</summary>
    public static string Plural(int count, string noun, string? plural = null) => count == 1 ? $"1 {noun}" : $"{Number(count)} {plural ?? noun + "s"}";
}
