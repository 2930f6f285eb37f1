using CallFlow.Email.Tests.Support;
using CallFlow.Mailbox;

namespace CallFlow.Email.Tests;

/// <summary>
/// A dead, hanging or restarted mail server never delays a caller and loses nothing: e-mails wait in the store and
/// go once the server is back, each exactly once; the queue survives reopening the store.
/// </summary>
public sealed class OutageTests
{
    // What a caller may wait for leaving a message, mail server or not: the store's commit (a few fsyncs), never SMTP.
    private static readonly TimeSpan CallBudget = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Twenty_messages_left_while_the_server_is_down_are_all_delivered_once_when_it_is_back()
    {
        var port = FreePort.Next();
        await using var site = new EmailHarness(EmailHarness.EmailSection(port,
            retry: """{ "attempts": 100, "first_delay_seconds": 1, "max_delay_seconds": 2 }"""));
        var worker = site.Worker();
        using var stopping = new CancellationTokenSource();
        var loop = worker.RunAsync(stopping.Token);

        var calls = Enumerable.Range(1, 20).Select(i => site.Leave("Alice", seconds: 4, caller: $"0163296{i:D4}")).ToList();

        Assert.All(calls, call => Assert.True(call.Elapsed < CallBudget, $"a call took {call.Elapsed.TotalMilliseconds:0} ms"));
        Assert.All(calls, call => Assert.Contains("e-mail (copy) to alice@acme.example queued", call.Transcript));
        // The worker keeps trying while the server is down; every e-mail has failed at least once.
        Assert.True(await EmailHarness.EventuallyAsync(async () =>
            (await site.Store.ListEmailsAsync()).Count(e => e.Attempts >= 1 && e.LastError is not null) == 20, TimeSpan.FromSeconds(30)),
            "the worker did not try every e-mail while the server was down");
        Assert.DoesNotContain(await site.Store.ListEmailsAsync(), e => e.State != OutboxState.Queued);

        await using var smtp = await AioSmtpd.StartAsync(site.Directory, port);
        Assert.True(await EmailHarness.EventuallyAsync(async () =>
            (await site.Store.ListEmailsAsync()).All(e => e.State == OutboxState.Sent), TimeSpan.FromSeconds(60)),
            "not every e-mail was sent after the server came back:\n" + string.Join("\n", site.LogLines.TakeLast(10)));
        await Task.Delay(1500); // a duplicate would have time to arrive
        await stopping.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10)); // throws TimeoutException if the worker did not stop

        var mails = smtp.Messages();
        Assert.Equal(20, mails.Count);
        Assert.Equal(20, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"m{i:D4}.wav"), mails.Select(m => Mime.Wav(m)!.FileName).Order(StringComparer.Ordinal));
        foreach (var mail in mails)
        {
            var id = Path.GetFileNameWithoutExtension(Mime.Wav(mail)!.FileName)!;
            var message = (await site.Store.GetMessageAsync(id))!;
            Assert.Equal($"Voicemail Message ({message.CallerNumber} > Alice) From:{message.CallerNumber}", mail.Subject);
            Assert.Equal(await site.MessageFileAsync(id), Mime.Decode(Mime.Wav(mail)!));
        }
        Assert.Equal(20, (await site.Store.GetCountsAsync("Alice")).New);
        Assert.Equal(20, worker.Sent);
    }

    [Fact]
    public async Task A_server_that_accepts_and_never_answers_delays_no_caller()
    {
        using var trap = new Trap();
        await using var site = new EmailHarness(EmailHarness.EmailSection(trap.Port, extra: """, "concurrency": 2""").Replace("\"timeout_seconds\": 5", "\"timeout_seconds\": 3"));
        using var stopping = new CancellationTokenSource();
        var loop = site.Worker().RunAsync(stopping.Token);

        site.Leave("Alice");
        Assert.True(await EmailHarness.EventuallyAsync(() => Task.FromResult(trap.Accepted > 0), TimeSpan.FromSeconds(10)), "the worker never connected");
        // The worker is now stuck in a conversation with a server that says nothing; callers are not.
        var calls = Enumerable.Range(0, 5).Select(_ => site.Leave("Alice")).ToList();
        Assert.All(calls, call => Assert.True(call.Elapsed < CallBudget, $"a call took {call.Elapsed.TotalMilliseconds:0} ms"));

        Assert.True(await EmailHarness.EventuallyAsync(async () =>
            (await site.Store.ListEmailsAsync()).Any(e => e.LastError?.Contains("Timeout", StringComparison.OrdinalIgnoreCase) == true), TimeSpan.FromSeconds(20)),
            "the hanging attempt never timed out");
        await stopping.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10)); // throws TimeoutException if the worker did not stop
        Assert.Equal(6, (await site.Store.ListEmailsAsync()).Count(e => e.State == OutboxState.Queued));
    }

    [Fact]
    public async Task The_call_path_never_opens_a_connection()
    {
        using var trap = new Trap();
        await using var site = new EmailHarness(EmailHarness.EmailSection(trap.Port));

        var calls = new[]
        {
            site.Leave("Alice"), site.Leave("Carol"), site.Leave("Dave"),
            site.Call("call from 01632960123 to \"Short Codes.*60\"\ntalk 6s\npress #\n"),
        };
        await Task.Delay(500);

        Assert.Equal(0, trap.Accepted);
        Assert.Equal(4, (await site.Store.ListEmailsAsync()).Count);
        Assert.All(calls, call => Assert.True(call.Elapsed < CallBudget));
    }

    [Fact]
    public async Task Queued_emails_survive_a_restart_and_are_sent_after_it()
    {
        var port = FreePort.Next();
        var clock = new FakeClock();
        await using var site = new EmailHarness(EmailHarness.EmailSection(port), clock);
        site.Leave("Alice");
        site.Leave("Carol");
        site.Leave("Dave");
        Assert.Equal(new OutboxRunSummary(0, 3, 0), await site.Worker().RunOnceAsync()); // the server is down
        var before = await site.Store.ListEmailsAsync();
        Assert.All(before, e => Assert.Equal((OutboxState.Queued, 1, clock.Now.AddSeconds(1)), (e.State, e.Attempts, e.NextAttemptUtc)));

        var store = site.Reopen();

        Assert.Equal(before, await store.ListEmailsAsync());
        Assert.Equal(MessageState.AwaitingEmail, (await store.GetMessageAsync("m0002"))!.State);
        await using var smtp = await AioSmtpd.StartAsync(site.Directory, port);
        Assert.Equal(new OutboxRunSummary(0, 0, 0), await site.Worker().RunOnceAsync()); // not due yet
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new OutboxRunSummary(3, 0, 0), await site.Worker().RunOnceAsync());

        Assert.Equal(3, (await smtp.WaitForMessagesAsync(3, TimeSpan.FromSeconds(20))).Count);
        Assert.Null(await store.GetMessageAsync("m0002")); // Carol forwards: gone once accepted
        Assert.NotNull(await store.GetMessageAsync("m0001"));
    }

    [Fact]
    public async Task A_forward_mode_message_is_deleted_only_after_the_server_accepted_it()
    {
        var port = FreePort.Next();
        var clock = new FakeClock();
        await using var site = new EmailHarness(EmailHarness.EmailSection(port,
            retry: """{ "attempts": 2, "first_delay_seconds": 1, "max_delay_seconds": 1 }"""), clock);
        site.Leave("Carol");
        site.Leave("Carol");

        await site.Worker().RunOnceAsync(); // down: refused, both kept (hidden)
        Assert.Equal(MessageState.AwaitingEmail, (await site.Store.GetMessageAsync("m0001"))!.State);
        clock.Advance(TimeSpan.FromSeconds(1));
        await using (var smtp = await AioSmtpd.StartAsync(site.Directory, port))
        {
            await site.Store.RetryEmailsAsync(2); // only the second goes now
            var first = (await site.Store.ListEmailsAsync())[0];
            await site.Store.MarkEmailAttemptFailedAsync(first.Id, "held back by the test", clock.Now.AddHours(1));
            Assert.Equal(new OutboxRunSummary(1, 0, 0), await site.Worker().RunOnceAsync());
            Assert.Single(await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(20)));
        }
        Assert.Null(await site.Store.GetMessageAsync("m0002"));
        Assert.Equal(MessageState.AwaitingEmail, (await site.Store.GetMessageAsync("m0001"))!.State);

        // Out of attempts while the server is down again: the message goes into the mailbox as New, never lost.
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(new OutboxRunSummary(0, 0, 1), await site.Worker().RunOnceAsync());
        Assert.Equal(MessageState.New, (await site.Store.GetMessageAsync("m0001"))!.State);
        Assert.Equal(1, (await site.Store.GetCountsAsync("Carol")).New);
    }
}
