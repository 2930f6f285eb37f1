using System.Text.Json;
using CallFlow.Server.Alarms;

namespace CallFlow.Server.Tests.Alarms;

/// <summary>
/// The alarm book on disk: what is booked is there after a reload (a restart), ids are never reused, writers in two
/// processes (the server and vmc alarm) never lose each other's changes, and a bad file is kept aside, never lost.
/// </summary>
public sealed class AlarmBookTests : IDisposable
{
    private static readonly DateTimeOffset Seven = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("callflow-alarms-");
    private readonly List<string> _problems = [];

    public void Dispose() => _data.Delete(recursive: true);

    private string FilePath => Path.Combine(_data.FullName, AlarmBook.FileName);

    private AlarmBook Open() => AlarmBook.Open(_data.FullName, setAside: true, _problems.Add);

    private static Alarm Draft(string target = "201") => new()
    {
        Id = 0, Target = target, Time = new TimeOnly(7, 0), Frequency = AlarmFrequency.Weekly, Day = DayOfWeek.Monday, Display = "WAKE UP",
        RingTime = TimeSpan.FromSeconds(45), Retries = 2, Interval = TimeSpan.FromMinutes(10), CancelCode = "*#", File = "Speech:Wake up, it is seven",
        Language = "fr", Occurrence = Seven, NextRing = Seven.AddMinutes(10), Attempt = 1, BookedBy = "call from 202",
    };

    [Fact]
    public void A_missing_file_is_an_empty_book_and_nothing_is_created_until_a_change()
    {
        var book = Open();
        Assert.Empty(book.Alarms);
        Assert.Empty(_data.GetFiles());
        Assert.Empty(_problems);
    }

    [Fact]
    public void Every_field_is_there_after_a_restart()
    {
        var booked = Open().Add(Draft());
        Assert.Equal(1, booked.Id);
        var reloaded = Assert.Single(Open().Alarms);
        Assert.Equal(booked, reloaded);
        // Written whole: valid JSON, no temporary file left beside it.
        using var json = JsonDocument.Parse(File.ReadAllBytes(FilePath));
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
        Assert.DoesNotContain(_data.GetFiles(), f => f.Name.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Ids_are_never_reused()
    {
        var book = Open();
        Assert.Equal(1, book.Add(Draft()).Id);
        Assert.Equal(2, book.Add(Draft()).Id);
        Assert.True(book.Remove(2));
        Assert.False(book.Remove(2));
        Assert.Equal(3, Open().Add(Draft()).Id);
        Assert.Equal([1, 3], Open().Alarms.Select(a => a.Id));
    }

    [Fact]
    public void Update_changes_or_removes_one_alarm_and_reports_a_missing_one()
    {
        var book = Open();
        var alarm = book.Add(Draft());
        Assert.True(book.Update(alarm.Id, a => a with { Attempt = 2, NextRing = Seven.AddMinutes(20) }));
        Assert.Equal(2, Assert.Single(Open().Alarms).Attempt);
        Assert.True(book.Update(alarm.Id, _ => null));
        Assert.Empty(Open().Alarms);
        Assert.False(book.Update(alarm.Id, a => a));
    }

    [Fact]
    public void A_change_another_process_made_is_seen_and_never_overwritten()
    {
        var server = Open();
        server.Add(Draft("201"));
        var cli = AlarmBook.Open(_data.FullName, setAside: false);
        cli.Add(Draft("202"));
        Assert.True(server.Refresh());
        Assert.Equal(["201", "202"], server.Alarms.Select(a => a.Target));
        Assert.False(server.Refresh()); // unchanged since
        // The server's next change starts from the file, so the command line's alarm stays.
        server.Add(Draft("203"));
        Assert.Equal(["201", "202", "203"], AlarmBook.Open(_data.FullName, setAside: false).Alarms.Select(a => a.Target));
    }

    [Fact]
    public async Task Writers_in_parallel_lose_nothing()
    {
        var first = Open();
        var second = AlarmBook.Open(_data.FullName, setAside: false);
        await Task.WhenAll(
            Task.Run(() => { for (var i = 0; i < 20; i++) first.Add(Draft("201")); }),
            Task.Run(() => { for (var i = 0; i < 20; i++) second.Add(Draft("202")); }));
        var all = Open().Alarms;
        Assert.Equal(40, all.Length);
        Assert.Equal(Enumerable.Range(1, 40), all.Select(a => a.Id));
    }

    [Fact]
    public void A_corrupt_file_at_start_up_is_kept_aside_and_the_server_starts_with_an_empty_book()
    {
        var garbage = "{ \"version\": 1, \"alarms\": [ { \"id\": 1, \"target\": \"201\", \"time\": \"25:00\" "u8.ToArray();
        File.WriteAllBytes(FilePath, garbage);
        var book = Open();
        Assert.Empty(book.Alarms);
        var aside = Assert.Single(_data.GetFiles("alarms.json.bad-*"));
        Assert.Equal(garbage, File.ReadAllBytes(aside.FullName));
        Assert.False(File.Exists(FilePath));
        var problem = Assert.Single(_problems);
        Assert.Contains("not a valid alarm book", problem, StringComparison.Ordinal);
        Assert.Contains(aside.Name, problem, StringComparison.Ordinal);
        // The book works on.
        Assert.Equal(1, book.Add(Draft()).Id);
    }

    [Fact]
    public void A_field_out_of_range_makes_the_file_invalid_and_the_message_names_it()
    {
        Open().Add(Draft());
        File.WriteAllText(FilePath, File.ReadAllText(FilePath).Replace("\"07:00\"", "\"25:00\"", StringComparison.Ordinal));
        var strict = Assert.Throws<InvalidDataException>(() => AlarmBook.Open(_data.FullName, setAside: false));
        Assert.Contains("alarm 1: 'time' must be hh:mm", strict.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(FilePath)); // the command line leaves it alone
    }

    [Fact]
    public void A_file_broken_while_the_server_runs_is_kept_aside_and_the_alarms_it_knew_are_written_back()
    {
        var book = Open();
        var alarm = book.Add(Draft());
        File.WriteAllText(FilePath, "not json at all");
        Assert.True(book.Refresh());
        Assert.Equal(alarm, Assert.Single(book.Alarms));
        Assert.Equal("not json at all", File.ReadAllText(Assert.Single(_data.GetFiles("alarms.json.bad-*")).FullName));
        Assert.Equal(alarm, Assert.Single(AlarmBook.Open(_data.FullName, setAside: false).Alarms));
        Assert.Single(_problems);
    }
}
