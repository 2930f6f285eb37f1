using System.CommandLine;
using CallFlow.Cli.Output;
using CallFlow.Server.Alarms;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc alarm add &lt;target&gt; &lt;time&gt; [--frequency] [--day] [--display] [--ring-time] [--retries] [--interval]
/// [--cancel-code] [--file]</c>: books an alarm call as Alarm Set does, with its defaults (single, today, ALARM, 60 s,
/// no retries, 5 minutes, no cancel code, the system prompt) and its ranges, which are checked rather than clamped.
/// </summary>
public sealed class AlarmAddCommand(IOContext io)
{
    public static Command Create(IOContext io, MailboxOptions options)
    {
        var target = new Argument<string>("target") { Description = "the extension to call, or a configured user or group name" };
        var time = new Argument<string>("time") { Description = "the time of day, 24 hours: 07:30 or 0730" };
        var frequency = new Option<string>("--frequency") { Description = "single, daily or weekly", DefaultValueFactory = _ => "single" };
        frequency.AcceptOnlyFromAmong("single", "daily", "weekly");
        var day = new Option<string?>("--day") { Description = "the weekday of a single or weekly alarm (Mon ... Sun; default today)" };
        var display = new Option<string>("--display") { Description = "the text the phone shows (at most 32 characters)", DefaultValueFactory = _ => AlarmDefaults.Display };
        var ringTime = new Option<string>("--ring-time") { Description = "how long each call rings, 5s to 120s", DefaultValueFactory = _ => "60s" };
        var retries = new Option<int>("--retries") { Description = "repeats of an unanswered call, 0 to 10", DefaultValueFactory = _ => 0 };
        var interval = new Option<string>("--interval") { Description = "time between repeats, 1m to 60m", DefaultValueFactory = _ => "5m" };
        var cancelCode = new Option<string?>("--cancel-code") { Description = "up to 4 keys (0-9 * #) that stop the alarm; without it the prompt plays once" };
        var file = new Option<string?>("--file") { Description = "a .wav file to play instead of \"This is an alarm call, please hang up.\"" };
        var command = new Command("add", "Book an alarm call") { target, time, frequency, day, display, ringTime, retries, interval, cancelCode, file };
        command.SetAction(parseResult => new AlarmAddCommand(io).Run(options.Read(parseResult), new Request(parseResult.GetValue(target)!,
            parseResult.GetValue(time)!, parseResult.GetValue(frequency)!, parseResult.GetValue(day), parseResult.GetValue(display)!,
            parseResult.GetValue(ringTime)!, parseResult.GetValue(retries), parseResult.GetValue(interval)!, parseResult.GetValue(cancelCode),
            parseResult.GetValue(file))));
        return command;
    }

    /// <summary>The command line's values, unchecked.</summary>
    public sealed record Request(string Target, string Time, string Frequency, string? Day, string Display, string RingTime, int Retries, string Interval,
        string? CancelCode, string? File);

    public int Run(MailboxArguments arguments, Request request)
    {
        var (environment, exitCode) = AlarmEnvironment.Open(io, arguments);
        if (environment is null)
            return exitCode;
        var config = environment.Configuration;
        var now = TimeProvider.System.GetUtcNow();
        var zone = environment.TimeZone;

        string? problem = null;
        var target = request.Target.Trim();
        if (target.Length == 0 || !(target.All(char.IsAsciiDigit) || config.FindUser(target) is not null || config.FindGroup(target) is not null))
            problem = $"'{request.Target}' is neither an extension number nor a configured user or group";
        var time = AlarmFields.ParseTime(request.Time);
        var ring = AlarmFields.ParseDuration(request.RingTime, TimeSpan.FromSeconds(1));
        var interval = AlarmFields.ParseDuration(request.Interval, TimeSpan.FromMinutes(1));
        var day = request.Day is null ? TimeZoneInfo.ConvertTime(now, zone).DayOfWeek : AlarmFields.ParseDay(request.Day);
        var code = request.CancelCode is null ? null : AlarmFields.ParseCancelCode(request.CancelCode);
        var wav = request.File is null ? null : Path.GetFullPath(request.File, io.WorkingDirectory);
        problem ??= time is null ? $"'{request.Time}' is not a time of day (hh:mm, 24 hours)"
            : day is null ? $"'{request.Day}' is not a weekday (Mon ... Sun)"
            : request.Display.Length is 0 or > AlarmDefaults.MaxDisplay ? "--display must be 1 to 32 characters"
            : ring is not { } r || r < AlarmDefaults.MinRingTime || r > AlarmDefaults.MaxRingTime ? $"--ring-time '{request.RingTime}' is not 5s to 120s"
            : request.Retries is < 0 or > AlarmDefaults.MaxRetries ? "--retries must be 0 to 10"
            : interval is not { } i || i < AlarmDefaults.MinInterval || i > AlarmDefaults.MaxInterval ? $"--interval '{request.Interval}' is not 1m to 60m"
            : request.CancelCode is not null && code is null ? $"--cancel-code '{request.CancelCode}' is not 1 to 4 of the keys 0-9 * #"
            : wav is not null && !File.Exists(wav) ? $"--file '{request.File}' does not exist"
            : null;
        if (problem is not null)
        {
            io.Error.WriteLine($"vmc: error: {problem}");
            return ExitCodes.UsageOrIo;
        }

        var draft = AlarmSchedule.FirstOccurrence(new Alarm
        {
            Id = 0,
            Target = target,
            Time = time!.Value,
            Frequency = AlarmFields.ParseFrequency(request.Frequency)!.Value,
            Day = day!.Value,
            Display = request.Display,
            RingTime = ring!.Value,
            Retries = request.Retries,
            Interval = interval!.Value,
            CancelCode = code,
            File = wav is null ? null : $"File:{wav}",
            BookedBy = "vmc alarm add",
            Occurrence = default,
            NextRing = default,
        }, now, zone);
        Alarm? booked = null;
        var written = environment.Change(io, () => booked = environment.Book.Add(draft));
        if (written != ExitCodes.Success)
            return written;
        io.Output.WriteLine($"booked alarm {MailboxText.Number(booked!.Id)}: {booked.Target} at {AlarmFields.FormatTime(booked.Time)} " +
            $"({AlarmFields.FormatFrequency(booked.Frequency)}), first ring {MailboxText.Time(booked.NextRing, zone)} {zone.Id}");
        return ExitCodes.Success;
    }
}
