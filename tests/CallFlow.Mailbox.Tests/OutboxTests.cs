using CallFlow.Mailbox.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CallFlow.Mailbox.Tests;

/// <summary>
/// The e-mail outbox (docs/mailbox-store.md): an e-mail commits with its message, Forward mode keeps the message out of
/// sight until the e-mail is accepted, nothing queued is lost by reopening, and a version 1 store opens.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private readonly StoreHarness _h = new();

    public async Task InitializeAsync()
    {
        await _h.Store.EnsureMailboxAsync("Alice");
        await _h.Store.EnsureMailboxAsync("Sales", MailboxKind.HuntGroup);
    }

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    private async Task<MessageInfo?> LeaveAsync(string mailbox, EmailKind mode, double seconds = 2, string? caller = "01632960123")
    {
        await using var recording = await _h.Store.BeginRecordingAsync(new RecordingRequest(mailbox)
        {
            CallerNumber = caller,
            Email = new MessageEmail("alice@example.com", mode) { TimeZone = London },
            MinimumLength = TimeSpan.FromSeconds(1),
        });
        recording.Write(TestAudio.Seconds(seconds));
        return await recording.CommitAsync();
    }

    [Fact]
    public async Task A_copy_mode_email_commits_with_its_message_in_the_manuals_format()
    {
        var message = (await LeaveAsync("Alice", EmailKind.Copy))!;

        var email = Assert.Single(await _h.Store.ListEmailsAsync());
        Assert.Equal((EmailKind.Copy, "alice@example.com", "alice@example.com", message.Id, false, OutboxState.Queued, 0),
            (email.Kind, email.To, email.From, email.AttachmentMessageId, email.DeleteMessageWhenSent, email.State, email.Attempts));
        Assert.Equal("Voicemail Message (01632960123 > Alice) From:01632960123", email.Subject);
        Assert.Equal("IP Office Voicemail redirected message", email.Body);
        Assert.Equal(FakeClock.Epoch, email.QueuedUtc);
        Assert.Equal(FakeClock.Epoch, email.NextAttemptUtc);
        Assert.Equal(MessageState.New, message.State);
        Assert.Equal(1, (await _h.Store.GetCountsAsync("Alice")).New);
    }

    [Fact]
    public async Task An_alert_has_the_details_and_no_attachment()
    {
        await LeaveAsync("Alice", EmailKind.Alert, seconds: 14, caller: null);
        var email = Assert.Single(await _h.Store.ListEmailsAsync());
        Assert.Null(email.AttachmentMessageId);
        Assert.Equal("Voicemail Message (unknown > Alice) From:unknown", email.Subject);
        Assert.Equal("New voicemail message for Alice.\r\nFrom: unknown\r\nReceived: 2026-03-02 09:00:00 (Europe/London)\r\nLength: 14 seconds", email.Body);
    }

    [Fact]
    public async Task A_discarded_recording_queues_nothing()
    {
        Assert.Null(await LeaveAsync("Alice", EmailKind.Copy, seconds: 0.5));
        Assert.Empty(await _h.Store.ListEmailsAsync());
    }

    [Fact]
    public async Task A_forward_mode_message_is_hidden_with_no_lamp_until_its_email_is_accepted_then_removed()
    {
        var message = (await LeaveAsync("Alice", EmailKind.Forward))!;
        Assert.Equal(MessageState.AwaitingEmail, message.State);
        Assert.Empty(_h.Events);
        Assert.Equal(MessageCounts.Empty, await _h.Store.GetCountsAsync("Alice"));
        Assert.Empty(await _h.Store.ListMessagesAsync("Alice", MessageState.New));
        var email = Assert.Single(await _h.Store.ListEmailsAsync());
        Assert.True(email.DeleteMessageWhenSent);

        // Housekeeping never takes it, however old.
        _h.Clock.Advance(TimeSpan.FromDays(30));
        await _h.Store.RunHousekeepingAsync(_h.Clock.Now, new HousekeepingPolicy { NewHours = 1, OldHours = 1 });
        Assert.NotNull(await _h.Store.GetMessageAsync(message.Id));

        // Still there after a failed attempt; gone (row and file) once accepted.
        await _h.Store.MarkEmailAttemptFailedAsync(email.Id, "connection refused", _h.Clock.Now.AddMinutes(1));
        Assert.NotNull(await _h.Store.GetMessageAsync(message.Id));
        var sent = (await _h.Store.MarkEmailSentAsync(email.Id))!;
        Assert.Equal((OutboxState.Sent, 2, _h.Clock.Now), (sent.State, sent.Attempts, sent.SentUtc));
        Assert.Null(await _h.Store.GetMessageAsync(message.Id));
        Assert.Empty(_h.AudioFiles());
        Assert.Empty(_h.Events);
    }

    [Fact]
    public async Task A_forward_mode_email_that_fails_for_good_puts_the_message_in_the_mailbox()
    {
        var message = (await LeaveAsync("Alice", EmailKind.Forward))!;
        var email = Assert.Single(await _h.Store.ListEmailsAsync());

        var failed = (await _h.Store.MarkEmailAttemptFailedAsync(email.Id, "550 no such user", retryAt: null))!;

        Assert.Equal((OutboxState.Failed, 1, "550 no such user", false), (failed.State, failed.Attempts, failed.LastError, failed.DeleteMessageWhenSent));
        Assert.Equal(MessageState.New, (await _h.Store.GetMessageAsync(message.Id))!.State);
        var lamp = Assert.Single(_h.Events);
        Assert.Equal(("Alice", 1, true), (lamp.Mailbox, lamp.NewCount, lamp.MessagesWaiting));
        Assert.Contains(_h.LogLines, line => line.Contains(message.Id, StringComparison.Ordinal) && line.Contains("kept", StringComparison.Ordinal));

        // Retried later by an operator, it is a copy now: accepted, the message stays.
        Assert.Equal(1, await _h.Store.RetryEmailsAsync(email.Id));
        var again = (await _h.Store.GetEmailAsync(email.Id))!;
        Assert.Equal((OutboxState.Queued, 0), (again.State, again.Attempts));
        await _h.Store.MarkEmailSentAsync(email.Id);
        Assert.NotNull(await _h.Store.GetMessageAsync(message.Id));
    }

    [Fact]
    public async Task Due_emails_come_soonest_first_and_the_next_due_time_skips_the_ones_due_now()
    {
        var a = await _h.Store.QueueEmailAsync(new EmailDraft("a@example.com", "A", "a"));
        var b = await _h.Store.QueueEmailAsync(new EmailDraft("b@example.com", "B", "b") { AttachmentFile = "/prompts/b.wav" });
        var c = await _h.Store.QueueEmailAsync(new EmailDraft("c@example.com", "C", "c"));
        await _h.Store.MarkEmailAttemptFailedAsync(a.Id, "timeout", _h.Clock.Now.AddSeconds(30));
        await _h.Store.MarkEmailAttemptFailedAsync(c.Id, "timeout", _h.Clock.Now.AddSeconds(10));

        Assert.Equal([b.Id], (await _h.Store.ListDueEmailsAsync(_h.Clock.Now, 10)).Select(e => e.Id));
        Assert.Equal(_h.Clock.Now.AddSeconds(10), await _h.Store.NextEmailDueAsync(_h.Clock.Now));
        Assert.Equal([b.Id, c.Id], (await _h.Store.ListDueEmailsAsync(_h.Clock.Now.AddSeconds(20), 10)).Select(e => e.Id));
        Assert.Equal([b.Id, c.Id, a.Id], (await _h.Store.ListDueEmailsAsync(_h.Clock.Now.AddMinutes(1), 10)).Select(e => e.Id));
        Assert.Equal("/prompts/b.wav", (await _h.Store.GetEmailAsync(b.Id))!.AttachmentFile);
        Assert.Equal(3, await _h.Store.RetryEmailsAsync(null));
        Assert.Equal(3, (await _h.Store.ListDueEmailsAsync(_h.Clock.Now, 10)).Count);
    }

    [Fact]
    public async Task Queueing_and_retrying_raise_email_queued_after_the_commit()
    {
        var raised = 0;
        _h.Store.EmailQueued += (_, _) => raised++;
        await _h.Store.QueueEmailAsync(new EmailDraft("a@example.com", "A", "a"));
        await LeaveAsync("Alice", EmailKind.Copy);
        await TestAudio.RecordAsync(_h.Store, "Alice", TestAudio.Seconds(1)); // no e-mail: no event
        await _h.Store.RetryEmailsAsync(null);
        Assert.Equal(3, raised);
    }

    [Fact]
    public async Task Sent_emails_are_purged_after_their_time_and_nothing_else()
    {
        var a = await _h.Store.QueueEmailAsync(new EmailDraft("a@example.com", "A", "a"));
        var b = await _h.Store.QueueEmailAsync(new EmailDraft("b@example.com", "B", "b"));
        await _h.Store.MarkEmailSentAsync(a.Id);
        Assert.Null(await _h.Store.MarkEmailSentAsync(a.Id)); // only a queued e-mail can be sent
        _h.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(1, await _h.Store.PurgeSentEmailsAsync(_h.Clock.Now.AddDays(-7)));
        Assert.Equal([b.Id], (await _h.Store.ListEmailsAsync()).Select(e => e.Id));
    }

    [Fact]
    public async Task Queued_emails_survive_reopening_the_store()
    {
        var message = (await LeaveAsync("Alice", EmailKind.Forward))!;
        var alone = await _h.Store.QueueEmailAsync(new EmailDraft("b@example.com", "B", "b") { AttachmentMessageId = message.Id });
        var before = await _h.Store.ListEmailsAsync();

        var store = _h.Reopen();

        Assert.True(store.Recovery.IsClean);
        Assert.Equal(before, await store.ListEmailsAsync());
        Assert.Equal(MessageState.AwaitingEmail, (await store.GetMessageAsync(message.Id))!.State);
        Assert.Equal(2, (await store.ListDueEmailsAsync(_h.Clock.Now, 10)).Count);
        Assert.Equal(alone, await store.GetEmailAsync(alone.Id));
    }

    [Fact]
    public async Task A_broadcast_moves_the_attachment_to_a_members_copy()
    {
        await _h.Store.EnsureMailboxAsync("Bob");
        var message = (await LeaveAsync("Sales", EmailKind.Copy))!;
        var copies = await _h.Store.BroadcastAsync(message.Id, ["Alice", "Bob"]);

        var email = Assert.Single(await _h.Store.ListEmailsAsync());
        Assert.Equal(copies[0].Id, email.AttachmentMessageId);
        Assert.False(email.DeleteMessageWhenSent);
    }

    [Fact]
    public async Task A_version_1_store_opens_keeps_its_messages_and_gets_an_outbox()
    {
        var kept = await TestAudio.RecordAsync(_h.Store, "Alice", TestAudio.Seconds(1));
        _h.Store.Dispose();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_h.DataDirectory, "mailbox.db")};Pooling=False"))
        {
            // What a version 1 store has: no outbox, user_version 1.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP INDEX outbox_due; DROP INDEX outbox_by_message; DROP TABLE outbox; PRAGMA user_version = 1;";
            command.ExecuteNonQuery();
        }

        var store = _h.Reopen();

        Assert.Equal(kept, await store.GetMessageAsync(kept.Id));
        Assert.Contains(_h.LogLines, line => line.Contains("upgraded from version 1 to 2", StringComparison.Ordinal));
        var email = await store.QueueEmailAsync(new EmailDraft("a@example.com", "A", "a") { AttachmentMessageId = kept.Id });
        Assert.Equal(1, email.Id);
        using var check = new SqliteConnection($"Data Source={Path.Combine(_h.DataDirectory, "mailbox.db")};Mode=ReadOnly;Pooling=False");
        check.Open();
        using var version = check.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        Assert.Equal(2L, version.ExecuteScalar());
    }

    [Fact]
    public async Task Bad_requests_are_refused_before_anything_is_written()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Store.BeginRecordingAsync(new RecordingRequest("Alice") { Email = new MessageEmail("a@example.com", EmailKind.Action) }));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Store.QueueEmailAsync(new EmailDraft(" ", "s", "b")));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Store.QueueEmailAsync(new EmailDraft("a@example.com", "s", "b") { AttachmentFile = "x.wav", AttachmentMessageId = "m1" }));
        Assert.Empty(await _h.Store.ListEmailsAsync());
    }
}
