using System.Text.Json;
using CallFlow.Server.Alarms;

namespace CallFlow.Compiler.Tests.Cli;

/// <summary>
/// <c>vmc alarm list|add|remove</c> against a book in a temporary folder, with a configuration in London time. What
/// <c>add</c> books is read back from the file; the next ring is checked against the schedule computed around the
/// command, so the test does not depend on when it runs.
/// </summary>
public sealed class AlarmCommandTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("callflow-alarm-cli-");

    private string Data => Path.Combine(_folder.FullName, "data");

    private string Config => Path.Combine(_folder.FullName, "callflow.json");

    private string BookFile => Path.Combine(Data, AlarmBook.FileName);

    public Task InitializeAsync() => File.WriteAllTextAsync(Config, """
        { "system": { "time_zone": "Europe/London" },
          "users": [ { "name": "Alice", "extension": "201" } ],
          "groups": [ { "name": "Night", "extension": "300" } ] }
        """);

    public Task DisposeAsync()
    {
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private Task<(int ExitCode, string Output, string Error)> Alarm(params string[] args) =>
        Vmc.Run(["alarm", .. args, "--config", Config, "--data", Data]);

    [Fact]
    public async Task List_of_an_empty_book_says_so_and_creates_nothing()
    {
        var (exitCode, output, error) = await Alarm("list");
        Assert.Equal((0, ""), (exitCode, error));
        Assert.Equal($"0 alarms (book: {BookFile}; times in Europe/London)\n", output);
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task Add_books_an_alarm_in_the_file_and_list_shows_it()
    {
        var before = DateTimeOffset.UtcNow;
        var (exitCode, output, error) = await Alarm("add", "201", "7:30", "--frequency", "weekly", "--day", "fri", "--cancel-code", "*", "--retries", "2",
            "--interval", "10", "--ring-time", "45s", "--display", "WAKE UP");
        var after = DateTimeOffset.UtcNow;
        Assert.Equal((0, ""), (exitCode, error));

        var alarm = Assert.Single(AlarmBook.Open(Data, setAside: false).Alarms);
        Assert.Equal((1, "201", new TimeOnly(7, 30), AlarmFrequency.Weekly, DayOfWeek.Friday, "WAKE UP", TimeSpan.FromSeconds(45), 2, TimeSpan.FromMinutes(10), "*", "vmc alarm add"),
            (alarm.Id, alarm.Target, alarm.Time, alarm.Frequency, alarm.Day, alarm.Display, alarm.RingTime, alarm.Retries, alarm.Interval, alarm.CancelCode, alarm.BookedBy));
        Assert.Contains(alarm.NextRing, new[] { before, after }.Select(t => AlarmSchedule.Next(AlarmFrequency.Weekly, new TimeOnly(7, 30), DayOfWeek.Friday, t, London)));
        var local = TimeZoneInfo.ConvertTime(alarm.NextRing, London).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"booked alarm 1: 201 at 07:30 (weekly), first ring {local} Europe/London\n", output);

        (exitCode, output, _) = await Alarm("list");
        Assert.Equal(0, exitCode);
        Assert.Equal(
            "ID  TARGET  TIME   FREQUENCY  DAY  NEXT RING            RING  RETRIES  INTERVAL  CANCEL  DISPLAY  BOOKED BY\n" +
            $" 1  201     07:30  weekly     Fri  {local}  45s         2  10m       *       WAKE UP  vmc alarm add\n" +
            "1 alarm (book: " + BookFile + "; times in Europe/London)\n", output);

        (exitCode, output, _) = await Alarm("list", "--format", "json");
        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var item = Assert.Single(json.RootElement.GetProperty("alarms").EnumerateArray());
        Assert.Equal(("201", "weekly", "Fri", 45, "*"), (item.GetProperty("target").GetString(), item.GetProperty("frequency").GetString(),
            item.GetProperty("day").GetString(), item.GetProperty("ring_seconds").GetInt32(), item.GetProperty("cancel_code").GetString()));
        Assert.Equal(alarm.NextRing, DateTimeOffset.Parse(item.GetProperty("next_ring").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Add_takes_Alarm_Sets_defaults_and_a_configured_name_as_the_target()
    {
        var (exitCode, _, error) = await Alarm("add", "Alice", "0630");
        Assert.Equal((0, ""), (exitCode, error));
        var alarm = Assert.Single(AlarmBook.Open(Data, setAside: false).Alarms);
        Assert.Equal(("Alice", AlarmFrequency.Single, "ALARM", TimeSpan.FromSeconds(60), 0, TimeSpan.FromMinutes(5), (string?)null, (string?)null),
            (alarm.Target, alarm.Frequency, alarm.Display, alarm.RingTime, alarm.Retries, alarm.Interval, alarm.CancelCode, alarm.File));
        Assert.Equal(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, London).DayOfWeek, alarm.Day);
        Assert.Equal(0, (await Alarm("add", "Night", "23:00", "--frequency", "daily")).ExitCode);
    }

    [Theory]
    [InlineData("'25:00' is not a time of day (hh:mm, 24 hours)", "201", "25:00")]
    [InlineData("'Nobody' is neither an extension number nor a configured user or group", "Nobody", "07:00")]
    [InlineData("'someday' is not a weekday (Mon ... Sun)", "201", "07:00", "--day", "someday")]
    [InlineData("--ring-time '3s' is not 5s to 120s", "201", "07:00", "--ring-time", "3s")]
    [InlineData("--retries must be 0 to 10", "201", "07:00", "--retries", "11")]
    [InlineData("--interval '90m' is not 1m to 60m", "201", "07:00", "--interval", "90m")]
    [InlineData("--cancel-code '12345' is not 1 to 4 of the keys 0-9 * #", "201", "07:00", "--cancel-code", "12345")]
    [InlineData("--file 'missing.wav' does not exist", "201", "07:00", "--file", "missing.wav")]
    public async Task Add_refuses_values_out_of_range_and_books_nothing(string message, params string[] args)
    {
        var (exitCode, output, error) = await Alarm(["add", .. args]);
        Assert.Equal((2, ""), (exitCode, output));
        Assert.Equal($"vmc: error: {message}", error.Split('\n')[0]);
        Assert.False(File.Exists(BookFile));
    }

    [Fact]
    public async Task Remove_takes_an_alarm_out_and_an_unknown_id_is_an_error()
    {
        await Alarm("add", "201", "07:00");
        await Alarm("add", "Alice", "08:00");
        var (exitCode, output, error) = await Alarm("remove", "1");
        Assert.Equal((0, "removed alarm 1\n", ""), (exitCode, output, error));
        Assert.Equal(["Alice"], AlarmBook.Open(Data, setAside: false).Alarms.Select(a => a.Target));
        (exitCode, output, error) = await Alarm("remove", "1");
        Assert.Equal((2, ""), (exitCode, output));
        Assert.StartsWith("vmc: error: there is no alarm 1\n", error);
    }

    [Fact]
    public async Task A_bad_book_is_reported_and_left_untouched()
    {
        Directory.CreateDirectory(Data);
        await File.WriteAllTextAsync(BookFile, "{ \"alarms\": [ { \"id\": 1 } ] }");
        var (exitCode, output, error) = await Alarm("add", "201", "07:00");
        Assert.Equal((1, ""), (exitCode, output));
        Assert.StartsWith($"vmc: error: {BookFile} is not a valid alarm book: alarm 1: 'target' is missing\n", error);
        Assert.Equal("{ \"alarms\": [ { \"id\": 1 } ] }", await File.ReadAllTextAsync(BookFile));
        Assert.Equal(1, (await Alarm("list")).ExitCode);
    }
}
