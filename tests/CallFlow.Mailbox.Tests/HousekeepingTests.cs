using CallFlow.Mailbox.Tests.Support;

namespace CallFlow.Mailbox.Tests;

public sealed class HousekeepingTests : IAsyncLifetime
{
    private readonly StoreHarness _h = new();
    private readonly Dictionary<MessageCategory, string> _byCategory = [];

    /// <summary>One message per category, each entering its category at the epoch.</summary>
    public async Task InitializeAsync()
    {
        await _h.Store.EnsureMailboxAsync("Jo");
        foreach (var category in Enum.GetValues<MessageCategory>())
        {
            var kind = category is MessageCategory.NewRecording or MessageCategory.OldRecording ? MessageKind.Recording : MessageKind.Message;
            await using var recording = await _h.Store.BeginRecordingAsync(new RecordingRequest("Jo") { Kind = kind });
            recording.Write(TestAudio.Seconds(1));
            var m = (await recording.CommitAsync())!;
            var moved = category switch
            {
                MessageCategory.Old or MessageCategory.OldRecording => await _h.Store.MarkHeardAsync(m.Id),
                MessageCategory.Saved => await _h.Store.MarkSavedAsync(m.Id),
                MessageCategory.Unopened => await _h.Store.MarkHeaderHeardAsync(m.Id),
                MessageCategory.Deleted => await _h.Store.MarkDeletedAsync(m.Id),
                _ => m,
            };
            Assert.Equal(category, moved!.Category);
            _byCategory[category] = m.Id;
        }
    }

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    [Fact]
    public async Task Zero_hours_disables_deletion()
    {
        var result = await _h.Store.RunHousekeepingAsync(FakeClock.Epoch.AddYears(10), HousekeepingPolicy.Disabled);
        Assert.Equal(0, result.Deleted);
        Assert.Equal(7, _h.AudioFiles().Count);
    }

    [Theory]
    [InlineData(MessageCategory.New)]
    [InlineData(MessageCategory.Old)]
    [InlineData(MessageCategory.Saved)]
    [InlineData(MessageCategory.Unopened)]
    [InlineData(MessageCategory.NewRecording)]
    [InlineData(MessageCategory.OldRecording)]
    [InlineData(MessageCategory.Deleted)]
    public async Task Each_category_is_deleted_after_its_own_hours(MessageCategory category)
    {
        var policy = PolicyWith(category, hours: 24);
        var early = await _h.Store.RunHousekeepingAsync(FakeClock.Epoch.AddHours(24).AddMilliseconds(-1), policy);
        Assert.Equal(0, early.Deleted);

        var due = await _h.Store.RunHousekeepingAsync(FakeClock.Epoch.AddHours(24), policy);
        Assert.Equal(new Dictionary<MessageCategory, int> { [category] = 1 }, due.DeletedByCategory);
        Assert.Null(await _h.Store.GetMessageAsync(_byCategory[category]));
        Assert.Equal(6, _h.AudioFiles().Count);
        Assert.DoesNotContain(_h.AudioFiles(), path => path.EndsWith($"/{_byCategory[category]}.wav", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Age_counts_from_entering_the_category()
    {
        _h.Clock.Advance(TimeSpan.FromHours(20));
        await _h.Store.MarkHeardAsync(_byCategory[MessageCategory.New]); // now Old, since hour 20
        var policy = new HousekeepingPolicy { OldHours = 24 };
        var result = await _h.Store.RunHousekeepingAsync(FakeClock.Epoch.AddHours(30), policy);
        Assert.Equal(1, result.Deleted); // only the message that was Old since the epoch
        Assert.NotNull(await _h.Store.GetMessageAsync(_byCategory[MessageCategory.New]));
        Assert.Equal(1, (await _h.Store.RunHousekeepingAsync(FakeClock.Epoch.AddHours(44), policy)).Deleted);
    }

    [Fact]
    public async Task A_message_being_played_is_never_deleted()
    {
        var policy = PolicyWith(MessageCategory.Old, hours: 1);
        var playback = (await _h.Store.OpenPlaybackAsync(_byCategory[MessageCategory.Old]))!;
        var result = await _h.Store.RunHousekeepingAsync(FakeClock.Epoch.AddHours(2), policy);
        Assert.Equal((0, 1), (result.Deleted, result.SkippedInPlayback));
        Assert.True(File.Exists(playback.AudioPath));
        Assert.NotNull(await _h.Store.GetMessageAsync(_byCategory[MessageCategory.Old]));

        playback.Dispose();
        result = await _h.Store.RunHousekeepingAsync(FakeClock.Epoch.AddHours(2), policy);
        Assert.Equal((1, 0), (result.Deleted, result.SkippedInPlayback));
        Assert.False(File.Exists(playback.AudioPath));
    }

    [Fact]
    public async Task Purging_a_message_being_played_keeps_the_file_until_playback_ends()
    {
        var id = _byCategory[MessageCategory.Saved];
        using (var playback = (await _h.Store.OpenPlaybackAsync(id))!)
        using (var second = (await _h.Store.OpenPlaybackAsync(id))!)
        {
            Assert.True(await _h.Store.PurgeMessageAsync(id));
            Assert.Null(await _h.Store.GetMessageAsync(id));
            second.Dispose();
            await using var audio = playback.OpenAudio();
            Assert.Equal(8058, audio.Length);
        }
        Assert.Equal(6, _h.AudioFiles().Count);
    }

    [Fact]
    public async Task Deleting_new_messages_updates_message_waiting()
    {
        _h.Events.Clear();
        await _h.Store.RunHousekeepingAsync(FakeClock.Epoch.AddHours(1), PolicyWith(MessageCategory.New, 1));
        var e = Assert.Single(_h.Events);
        Assert.Equal(("Jo", 1, 1), (e.Mailbox, e.NewCount, e.Counts.Unopened)); // the new recording and the Unopened message remain
        Assert.True(e.MessagesWaiting);
    }

    [Fact]
    public async Task Negative_hours_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _h.Store.RunHousekeepingAsync(FakeClock.Epoch, new HousekeepingPolicy { SavedHours = -1 }));
    }

    private static HousekeepingPolicy PolicyWith(MessageCategory category, int hours) => category switch
    {
        MessageCategory.New => new HousekeepingPolicy { NewHours = hours },
        MessageCategory.Old => new HousekeepingPolicy { OldHours = hours },
        MessageCategory.Saved => new HousekeepingPolicy { SavedHours = hours },
        MessageCategory.Unopened => new HousekeepingPolicy { UnopenedHours = hours },
        MessageCategory.NewRecording => new HousekeepingPolicy { NewRecordingHours = hours },
        MessageCategory.OldRecording => new HousekeepingPolicy { OldRecordingHours = hours },
        _ => new HousekeepingPolicy { DeletedHours = hours },
    };
}
