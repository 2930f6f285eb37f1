using CallFlow.Mailbox;
using CallFlow.Runtime.Channels.Scripted;
using CallFlow.Runtime.Hosting.Mailboxes;

namespace CallFlow.Runtime.Tests.Hosting;

/// <summary>Housekeeping runs only in an idle period, once per period, and deletes by category age.</summary>
public sealed class HousekeepingSchedulerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("callflow-housekeeping-");
    private readonly ScriptedClock _clock = new();
    private DateTimeOffset _now = Start;
    private readonly SqliteMailboxStore _store;

    public HousekeepingSchedulerTests()
    {
        _clock.Source = () => _now;
        _store = SqliteMailboxStore.Open(_data.FullName, new MailboxStoreOptions { Clock = _clock });
    }

    public void Dispose()
    {
        _store.Dispose();
        _data.Delete(recursive: true);
    }

    private async Task<MessageInfo> LeaveAsync(string mailbox)
    {
        await _store.EnsureMailboxAsync(mailbox);
        await using var recording = await _store.BeginRecordingAsync(new RecordingRequest(mailbox));
        recording.Write(new byte[8000]);
        return (await recording.CommitAsync())!;
    }

    [Fact]
    public async Task Deleted_messages_go_after_their_hours_but_only_when_the_server_is_idle()
    {
        var message = await LeaveAsync("Alice");
        await _store.MarkDeletedAsync(message.Id);
        var scheduler = new HousekeepingScheduler(_store, new HousekeepingPolicy { DeletedHours = 24 }) { IdlePeriod = TimeSpan.FromHours(2) };

        scheduler.CallStarted();
        _now = Start.AddHours(30);
        Assert.Null(await scheduler.TickAsync(_now));           // a call is in progress
        scheduler.CallEnded(_now);
        Assert.Null(await scheduler.TickAsync(_now.AddHours(1))); // idle, but not for two hours yet

        var result = await scheduler.TickAsync(_now.AddHours(2));
        Assert.NotNull(result);
        Assert.Equal(1, result.Deleted);
        Assert.Null(await _store.GetMessageAsync(message.Id));
        Assert.Null(await scheduler.TickAsync(_now.AddHours(3)));   // once per idle period
    }

    [Fact]
    public async Task Zero_hours_keeps_a_category_for_ever()
    {
        var message = await LeaveAsync("Bob");
        var scheduler = new HousekeepingScheduler(_store, new HousekeepingPolicy { NewHours = 0, DeletedHours = 24 }) { IdlePeriod = TimeSpan.Zero };
        _now = Start.AddDays(400);
        var result = await scheduler.TickAsync(_now);
        Assert.Equal(0, result!.Deleted);
        Assert.NotNull(await _store.GetMessageAsync(message.Id));
    }
}
