using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CallFlow.Cli.Output;
using CallFlow.Server.Alarms;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc alarm list [--format text|json]</c>: every booked alarm by id: target, time, frequency, day, when it rings
/// next (local time in the configured zone), its ring time, retries, interval, cancel code, display text and who booked it.
/// </summary>
public sealed class AlarmListCommand(IOContext io)
{
    public static Command Create(IOContext io, MailboxOptions options)
    {
        var format = new Option<string>("--format") { Description = "output format: text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("list", "List the booked alarm calls and when each rings next") { format };
        command.SetAction(parseResult => new AlarmListCommand(io).Run(options.Read(parseResult), parseResult.GetValue(format)!));
        return command;
    }

    public int Run(MailboxArguments arguments, string format)
    {
        var (environment, exitCode) = AlarmEnvironment.Open(io, arguments);
        if (environment is null)
            return exitCode;
        var alarms = environment.Book.Alarms;
        if (format == "json")
        {
            WriteJson(environment);
            return ExitCodes.Success;
        }
        var table = new TextTable("ID", "TARGET", "TIME", "FREQUENCY", "DAY", "NEXT RING", "RING", "RETRIES", "INTERVAL", "CANCEL", "DISPLAY", "BOOKED BY");
        table.RightAligned.Add(0);
        table.RightAligned.Add(7);
        foreach (var alarm in alarms)
        {
            table.Add(MailboxText.Number(alarm.Id), alarm.Target, AlarmFields.FormatTime(alarm.Time), AlarmFields.FormatFrequency(alarm.Frequency),
                alarm.Frequency == AlarmFrequency.Daily ? "" : AlarmFields.FormatDay(alarm.Day),
                MailboxText.Time(alarm.NextRing, environment.TimeZone) + (alarm.Attempt > 0 ? $" (repeat {MailboxText.Number(alarm.Attempt)})" : ""),
                Seconds(alarm.RingTime), MailboxText.Number(alarm.Retries), Minutes(alarm.Interval), alarm.CancelCode ?? "-", alarm.Display, alarm.BookedBy);
        }
        if (alarms.Length > 0)
            table.WriteTo(io.Output);
        io.Output.WriteLine($"{MailboxText.Plural(alarms.Length, "alarm")} (book: {Display(environment.Book.FilePath)}; times in {environment.TimeZone.Id})");
        return ExitCodes.Success;
    }

    private void WriteJson(AlarmEnvironment environment)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("book", environment.Book.FilePath);
            json.WriteString("time_zone", environment.TimeZone.Id);
            json.WriteStartArray("alarms");
            foreach (var alarm in environment.Book.Alarms)
            {
                json.WriteStartObject();
                json.WriteNumber("id", alarm.Id);
                json.WriteString("target", alarm.Target);
                json.WriteString("time", AlarmFields.FormatTime(alarm.Time));
                json.WriteString("frequency", AlarmFields.FormatFrequency(alarm.Frequency));
                json.WriteString("day", AlarmFields.FormatDay(alarm.Day));
                json.WriteString("next_ring", TimeZoneInfo.ConvertTime(alarm.NextRing, environment.TimeZone).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
                json.WriteNumber("attempt", alarm.Attempt);
                json.WriteNumber("ring_seconds", (int)alarm.RingTime.TotalSeconds);
                json.WriteNumber("retries", alarm.Retries);
                json.WriteNumber("interval_seconds", (int)alarm.Interval.TotalSeconds);
                json.WriteString("cancel_code", alarm.CancelCode);
                json.WriteString("file", alarm.File);
                json.WriteString("display", alarm.Display);
                json.WriteString("booked_by", alarm.BookedBy);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        io.Output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    internal static string Seconds(TimeSpan duration) => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalSeconds}s");

    internal static string Minutes(TimeSpan duration) => duration.Seconds == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}m")
        : Seconds(duration);

    private string Display(string path)
    {
        var relative = Path.GetRelativePath(io.WorkingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }
}
