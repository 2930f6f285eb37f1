using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CallFlow.Configuration;
using CallFlow.Mailbox;
using CallFlow.Server.Sip;
using CallFlow.Sip;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallFlow.Server.Tests;

/// <summary>
/// Message waiting over SIP (RFC 3842, RFC 6665) against a running server on loopback: SIPp as the phone for the
/// whole exchange and the refusals, a bare UDP peer where a test needs to stay silent or look closely.
/// </summary>
[Collection("SIP")]
public sealed class MessageWaitingTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("callflow-mwi-");
    private ServerHost _server = null!;
    private SipFrontEnd _sip = null!;
    private bool _sipDisposed;
    private int _port;

    private IPEndPoint Server => new(IPAddress.Loopback, _port);

    public async Task InitializeAsync()
    {
        _port = LoopbackPorts.FreeUdpAndTcpPort();
        // Alice (201) also sees the Sales group's messages on her lamp (HSales); Bob (202) does not.
        var configuration = ConfigurationLoader.Parse($$"""
            {
              "users": [ { "name": "Alice", "extension": "201", "source_numbers": ["HSales"] },
                         { "name": "Bob", "extension": "202" } ],
              "groups": [ { "name": "Sales", "extension": "300" } ],
              "server": { "sip_port": {{_port}}, "http_port": 0, "rtp_port_min": 35000, "rtp_port_max": 35099, "shutdown_grace_seconds": 1 }
            }
            """, "callflow.json").Configuration!;
        _server = new ServerHost(configuration, _data.FullName, NullLoggerFactory.Instance);
        await _server.StartAsync();
        // Short bounds so that expiry, the 423 and an unanswered NOTIFY happen within a test; default and maximum differ
        // so that each can be seen.
        _sip = new SipFrontEnd(_server, configuration)
        {
            SubscriptionLimits = new SubscriptionLimits
            {
                MinimumExpiry = TimeSpan.FromSeconds(2),
                DefaultExpiry = TimeSpan.FromSeconds(1800),
                MaximumExpiry = TimeSpan.FromSeconds(3600),
                NotifyTimeout = TimeSpan.FromSeconds(2),
                SweepInterval = TimeSpan.FromMilliseconds(100),
                ShutdownWait = TimeSpan.FromMilliseconds(500),
            },
        };
        _sip.Start();
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync();
        if (!_sipDisposed)
            await _sip.DisposeAsync();
        await _server.DisposeAsync();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task A_phone_sees_the_lamp_light_when_a_message_is_left_and_unsubscribes_with_a_final_NOTIFY()
    {
        var sipp = SippAsync("-sf", Scenario("mwi-subscribe.xml"), "-s", "201", "-m", "1");
        // The first NOTIFY (no messages) must be answered before the message is left, or it would already say yes.
        await WaitUntilAsync(() => _sip.Subscriptions.Any(s => s.Mailbox == "Alice" && s.NotifiesAccepted >= 1), sipp);
        await LeaveMessageAsync("Alice");
        var (exit, output) = await sipp;
        Assert.True(exit == 0, output);
        Assert.Empty(_sip.Subscriptions);
    }

    [Fact]
    public async Task A_SUBSCRIBE_for_another_event_package_gets_489_with_Allow_Events()
    {
        var (exit, output) = await SippAsync("-sf", Scenario("mwi-bad-event.xml"), "-s", "201", "-m", "1");
        Assert.True(exit == 0, output);
        Assert.Empty(_sip.Subscriptions);
    }

    [Fact]
    public async Task A_SUBSCRIBE_for_an_unknown_mailbox_gets_404()
    {
        var (exit, output) = await SippAsync("-sf", Scenario("mwi-unknown-mailbox.xml"), "-s", "nobody", "-m", "1");
        Assert.True(exit == 0, output);
        Assert.Empty(_sip.Subscriptions);
    }

    [Fact]
    public async Task A_SUBSCRIBE_shorter_than_the_minimum_gets_423_with_Min_Expires()
    {
        var (exit, output) = await SippAsync("-sf", Scenario("mwi-too-brief.xml"), "-s", "201", "-m", "1");
        Assert.True(exit == 0, output);
        Assert.Empty(_sip.Subscriptions);
    }

    [Fact]
    public async Task A_subscription_is_refreshed_in_its_dialog_and_each_refresh_is_followed_by_a_NOTIFY()
    {
        var (exit, output) = await SippAsync("-sf", Scenario("mwi-refresh.xml"), "-s", "Alice", "-m", "1");
        Assert.True(exit == 0, output);
        Assert.Empty(_sip.Subscriptions);
    }

    [Fact]
    public async Task Over_TCP_the_NOTIFYs_come_back_on_the_subscriber_s_connection()
    {
        var (exit, output) = await SippAsync("-sf", Scenario("mwi-refresh.xml"), "-s", "202", "-t", "t1", "-m", "1");
        Assert.True(exit == 0, output);
        Assert.Empty(_sip.Subscriptions);
    }

    [Fact]
    public async Task A_subscriber_that_answers_NOTIFY_with_481_is_dropped()
    {
        var (exit, output) = await SippAsync("-sf", Scenario("mwi-notify-481.xml"), "-s", "201", "-m", "1");
        Assert.True(exit == 0, output);
        await WaitUntilAsync(() => _sip.Subscriptions.Count == 0);
    }

    [Fact]
    public async Task New_counts_unheard_messages_old_counts_heard_and_saved_ones_and_urgent_is_the_priority_flag()
    {
        await LeaveMessageAsync("Bob", priority: true);
        await LeaveMessageAsync("Bob");
        var unopened = await LeaveMessageAsync("Bob");
        await _server.Store.MarkHeaderHeardAsync(unopened.Id);            // Unopened: content unheard, still new
        var heard = await LeaveMessageAsync("Bob");
        await _server.Store.MarkHeardAsync(heard.Id);                     // Old
        var saved = await LeaveMessageAsync("Bob", priority: true);
        await _server.Store.MarkSavedAsync(saved.Id);                     // Saved, urgent: old
        var deleted = await LeaveMessageAsync("Bob", priority: true);
        await _server.Store.MarkDeletedAsync(deleted.Id);                 // not counted

        using var phone = new SipTestPeer(Server);
        await phone.SubscribeAsync("202", 600);
        Assert.Equal(200, (await phone.ResponseAsync()).StatusCode);
        var notify = await phone.NotifyAsync();
        Assert.Equal(
            $"Messages-Waiting: yes\r\nMessage-Account: sip:Bob@127.0.0.1:{_port}\r\nVoice-Message: 3/2 (1/1)\r\n",
            Encoding.UTF8.GetString(notify.Body.Span));
        Assert.Equal(MessageSummary.ContentType, notify.ContentType?.ToString());
    }

    [Fact]
    public async Task The_NOTIFY_is_a_request_in_the_subscription_dialog_sent_to_where_the_SUBSCRIBE_came_from()
    {
        using var phone = new SipTestPeer(Server);
        await phone.SubscribeAsync("Alice", 600, extra: "Record-Route: <sip:proxy.invalid;lr>");
        var ok = await phone.ResponseAsync();
        Assert.Equal("600", ok.Headers.GetFirst(SipHeaderNames.Expires));
        Assert.NotNull(ok.Headers.GetFirst(SipHeaderNames.Contact));
        var notify = await phone.NotifyAsync();
        // The Request-URI is the phone's Contact; the datagram went to the SUBSCRIBE's source address (this socket).
        Assert.Equal($"sip:phone@{phone.Local.Address}:{phone.Local.Port}", notify.RequestUri!.ToString());
        Assert.Equal(phone.CallId, notify.CallId);
        Assert.Equal(phone.ServerTag, notify.From!.Tag);
        Assert.Equal(phone.Tag, notify.To!.Tag);
        Assert.Equal("<sip:proxy.invalid;lr>", notify.Headers.GetFirst(SipHeaderNames.Route));
        Assert.Equal("message-summary", notify.Event!.Package);
        Assert.True(notify.SubscriptionState!.IsActive);
        Assert.InRange(notify.SubscriptionState.Expires!.Value, 598u, 600u);

        // The next NOTIFY (a change) has a higher CSeq in the same dialog.
        await LeaveMessageAsync("Alice");
        var next = await phone.NotifyAsync();
        Assert.True(next.CSeq!.Number > notify.CSeq!.Number);
        Assert.Contains("Messages-Waiting: yes", Encoding.UTF8.GetString(next.Body.Span));
    }

    [Fact]
    public async Task A_hunt_group_message_lights_the_lamps_of_the_users_who_watch_the_group_only()
    {
        using var alice = new SipTestPeer(Server);
        using var bob = new SipTestPeer(Server);
        await alice.SubscribeAsync("201", 600);
        await bob.SubscribeAsync("202", 600);
        Assert.Equal(200, (await alice.ResponseAsync()).StatusCode);
        Assert.Equal(200, (await bob.ResponseAsync()).StatusCode);
        Assert.Contains("Messages-Waiting: no", Body(await alice.NotifyAsync()));
        Assert.Contains("Messages-Waiting: no", Body(await bob.NotifyAsync()));

        await LeaveMessageAsync("Sales");
        var lit = Body(await alice.NotifyAsync());
        Assert.Contains("Messages-Waiting: yes", lit);
        Assert.Contains("Voice-Message: 1/0 (0/0)", lit);
        Assert.Contains("Message-Account: sip:Alice@", lit);

        // Bob's lamp shows only his own mailbox: his next NOTIFY counts his one message, not the group's.
        await LeaveMessageAsync("Bob");
        Assert.Contains("Voice-Message: 1/0 (0/0)", Body(await bob.NotifyAsync()));
    }

    [Fact]
    public async Task A_subscription_that_is_not_refreshed_expires_with_a_final_NOTIFY()
    {
        using var phone = new SipTestPeer(Server);
        await phone.SubscribeAsync("201", 2);
        Assert.Equal("2", (await phone.ResponseAsync()).Headers.GetFirst(SipHeaderNames.Expires));
        Assert.True((await phone.NotifyAsync()).SubscriptionState!.IsActive);
        var final = await phone.NotifyAsync(timeout: Bound);
        Assert.True(final.SubscriptionState!.IsTerminated);
        Assert.Equal("timeout", final.SubscriptionState.Reason);
        Assert.Empty(_sip.Subscriptions);
    }

    [Fact]
    public async Task A_subscriber_that_never_answers_NOTIFY_is_dropped()
    {
        using var phone = new SipTestPeer(Server);
        await phone.SubscribeAsync("201", 600);
        Assert.Equal(200, (await phone.ResponseAsync()).StatusCode);
        await WaitUntilAsync(() => _sip.Subscriptions.Count == 1);
        await WaitUntilAsync(() => _sip.Subscriptions.Count == 0);   // NotifyTimeout is 2 s here
    }

    [Fact]
    public async Task A_refresh_moves_the_expiry_and_a_stale_or_unknown_one_is_refused()
    {
        using var phone = new SipTestPeer(Server);
        await phone.SubscribeAsync("201", 60);
        Assert.Equal(200, (await phone.ResponseAsync()).StatusCode);
        await phone.NotifyAsync();

        await phone.SubscribeAsync("201", 300);
        var refreshed = await phone.ResponseAsync();
        Assert.Equal(200, refreshed.StatusCode);
        Assert.Equal("300", refreshed.Headers.GetFirst(SipHeaderNames.Expires));
        Assert.InRange(Assert.Single(_sip.Subscriptions).ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(290), TimeSpan.FromSeconds(301));
        Assert.InRange((await phone.NotifyAsync()).SubscriptionState!.Expires!.Value, 298u, 300u);

        // A CSeq not above the last one is out of order (RFC 3261 §12.2.2).
        await phone.SubscribeAsync("201", 300, cseq: 1);
        Assert.Equal(500, (await phone.ResponseAsync()).StatusCode);
        // Below the minimum: 423, and the subscription is unchanged.
        await phone.SubscribeAsync("201", 1, cseq: 5);
        var tooBrief = await phone.ResponseAsync();
        Assert.Equal(423, tooBrief.StatusCode);
        Assert.Equal("2", tooBrief.Headers.GetFirst("Min-Expires"));
        Assert.Single(_sip.Subscriptions);

        // A dialog the server does not know: 481.
        using var stranger = new SipTestPeer(Server) { ServerTag = "0badc0de" };
        await stranger.SubscribeAsync("201", 300);
        Assert.Equal(481, (await stranger.ResponseAsync()).StatusCode);
    }

    [Fact]
    public async Task Expires_above_the_maximum_is_shortened_and_a_missing_one_takes_the_default()
    {
        using var longer = new SipTestPeer(Server);
        await longer.SubscribeAsync("201", 999_999_999);
        Assert.Equal("3600", (await longer.ResponseAsync()).Headers.GetFirst(SipHeaderNames.Expires));
        using var without = new SipTestPeer(Server);
        await without.SubscribeAsync("201", null);
        Assert.Equal("1800", (await without.ResponseAsync()).Headers.GetFirst(SipHeaderNames.Expires));
        using var odd = new SipTestPeer(Server);
        await odd.SubscribeAsync("201", null, extra: "Expires: soon");
        Assert.Equal(400, (await odd.ResponseAsync()).StatusCode);
        await WaitUntilAsync(() => _sip.Subscriptions.Count == 2);
    }

    [Fact]
    public async Task A_fetch_with_Expires_0_gets_one_terminated_NOTIFY_with_the_state_and_keeps_nothing()
    {
        await LeaveMessageAsync("Alice");
        using var phone = new SipTestPeer(Server);
        await phone.SubscribeAsync("201", 0);
        var ok = await phone.ResponseAsync();
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("0", ok.Headers.GetFirst(SipHeaderNames.Expires));
        var notify = await phone.NotifyAsync();
        Assert.True(notify.SubscriptionState!.IsTerminated);
        Assert.Contains("Voice-Message: 1/0", Body(notify));
        Assert.Empty(_sip.Subscriptions);
    }

    [Fact]
    public async Task A_SUBSCRIBE_that_accepts_no_message_summary_gets_406_and_OPTIONS_lists_the_package()
    {
        using var phone = new SipTestPeer(Server);
        await phone.SubscribeAsync("201", 600, extra: "Accept: application/xml");
        var refused = await phone.ResponseAsync();
        Assert.Equal(406, refused.StatusCode);
        Assert.Equal(MessageSummary.ContentType, refused.Headers.GetFirst(SipHeaderNames.Accept));
        Assert.Empty(_sip.Subscriptions);

        await phone.SendTextAsync($"""
            OPTIONS sip:callflow@127.0.0.1:{_port} SIP/2.0
            Via: SIP/2.0/UDP {phone.Local};branch=z9hG4bK{Guid.NewGuid():N}
            Max-Forwards: 70
            From: <sip:phone@{phone.Local}>;tag=1
            To: <sip:callflow@127.0.0.1:{_port}>
            Call-ID: {Guid.NewGuid():N}
            CSeq: 1 OPTIONS
            Content-Length: 0


            """);
        var options = await phone.ResponseAsync();
        Assert.Equal("message-summary", options.Headers.GetFirst(SipHeaderNames.AllowEvents));
        Assert.Contains("SUBSCRIBE", options.Headers.GetFirst(SipHeaderNames.Allow));
    }

    [Fact]
    public async Task Stopping_the_server_ends_each_subscription_so_that_phones_subscribe_again_later()
    {
        using var phone = new SipTestPeer(Server);
        await phone.SubscribeAsync("201", 600);
        Assert.Equal(200, (await phone.ResponseAsync()).StatusCode);
        await phone.NotifyAsync();
        var stopping = Task.Run(async () => await _sip.DisposeAsync());
        _sipDisposed = true;
        var final = await phone.NotifyAsync();
        await stopping.WaitAsync(Bound);
        Assert.True(final.SubscriptionState!.IsTerminated);
        Assert.Equal("probation", final.SubscriptionState.Reason);
        Assert.Equal(30u, final.SubscriptionState.RetryAfter);
    }

    private static string Body(SipMessage message) => Encoding.UTF8.GetString(message.Body.Span);

    private async Task<MessageInfo> LeaveMessageAsync(string mailbox, bool priority = false)
    {
        await using var recording = await _server.Store.BeginRecordingAsync(
            new RecordingRequest(mailbox) { CallerNumber = "01632960123", Priority = priority, MinimumLength = TimeSpan.Zero });
        recording.Write(Enumerable.Repeat((byte)0xFF, 8000).ToArray());   // one second of µ-law silence
        return (await recording.CommitAsync())!;
    }

    /// <summary>Polls <paramref name="condition"/> for up to 10 s; fails early if <paramref name="sipp"/> ends first.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, Task<(int Exit, string Output)>? sipp = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (sipp is { IsCompleted: true })
                Assert.Fail($"SIPp ended early: {(await sipp).Output}");
            if (watch.Elapsed > Bound)
                Assert.Fail("the condition did not hold within 10 s");
            await Task.Delay(50);
        }
    }

    /// <summary>SIPp as the phone; no media port, as these scenarios carry no media.</summary>
    private Task<(int Exit, string Output)> SippAsync(params string[] arguments) =>
        new SippProcess { WorkingDirectory = _data.FullName, Timeout = TimeSpan.FromSeconds(30), ServerPort = _port }.RunAsync(arguments);

    private static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Sipp", name);
}
