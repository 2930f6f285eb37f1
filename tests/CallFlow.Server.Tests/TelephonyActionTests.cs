using System.Net;
using System.Net.Sockets;
using CallFlow.Compiler.Text;

namespace CallFlow.Server.Tests;

/// <summary>
/// Assisted Transfer, Whisper and Park and Page over real SIP: a SIPp caller calls the server; the calls CallFlow
/// places go to a second SIPp playing the PBX (server.pbx_address), which answers, rings out, is busy or presses keys
/// as each scenario says; a park is picked up by a third SIPp call to the slot number. Each flow writes the result it
/// took into the user variable Result, which the test reads.
/// </summary>
[Collection("SIP")]
public sealed class TelephonyActionTests : IAsyncLifetime
{
    private const string Flows = """
        uservar Result = ""

        start shortcode "*71" {
            assisted_transfer "Alice" {
                no_answer_timeout 5s
                on Next -> Connected
                on Busy -> Busy
                on NoAnswer -> NoAnswer
            }
            Connected: set_user_variable Result, "connected" -> disconnect
            Busy: set_user_variable Result, "busy" -> disconnect
            NoAnswer: set_user_variable Result, "noanswer" -> disconnect
        }

        start shortcode "*72" {
            whisper "201" {
                after_prompt system(please_hold)
                no_answer_timeout 5s
                on Next -> Accepted
                on Reject -> Rejected
                on NoAnswer, Busy -> disconnect
            }
            Accepted: set_user_variable Result, "accepted" -> disconnect
            Rejected: set_user_variable Result, "rejected" -> disconnect
        }

        start shortcode "*73" {
            // Heard first, so a caller's phone is settled in the call before a page that fails at once ends it.
            generic { prompt system(please_hold) }
            park_and_page "Warehouse" {
                retries 0
                timeout 12s
                on Success -> Picked
                on Timeout -> TimedOut
                on Failure -> Failed
            }
            Picked: set_user_variable Result, "picked" -> disconnect
            TimedOut: set_user_variable Result, "timeout" -> disconnect
            Failed: set_user_variable Result, "failure" -> disconnect
        }

        start user "Alice" callback {
            generic { prompt system(please_hold) }
            set_user_variable Result, "called back $CLI"
        }
        """;

    private LoopbackServer _server = null!;
    private int _pbxPort;

    public async Task InitializeAsync()
    {
        _pbxPort = LoopbackPorts.FreeUdpAndTcpPort();
        _server = await LoopbackServer.StartAsync("telephony", port => $$"""
            {
              "users": [ { "name": "Alice", "extension": "201", "ringback": true, "source_numbers": ["P5551234"] } ],
              "groups": [ { "name": "Warehouse", "extension": "302" } ],
              "server": { "sip_port": {{port}}, "http_port": 0, "rtp_port_min": 34000, "rtp_port_max": 34999, "shutdown_grace_seconds": 2,
                          "pbx_address": "127.0.0.1:{{_pbxPort}}", "park_slot_min": 9000, "park_slot_max": 9009,
                          "pbx_auth": { "user": "callflow", "password": "s3cret" } }
            }
            """, [new SourceText("tests/telephony.vflow", Flows)]);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_assisted_transfer_that_is_answered_connects_the_caller_and_the_target()
    {
        var pbx = Sipp("pbx", "-sf", Scenario("pbx-answer.xml"), "-s", "201");
        var caller = Sipp("caller", "-sf", Scenario("caller-hangs-up.xml"), "-s", "*71", "-d", "6000");
        await AssertSucceeded(await caller, "caller");
        await AssertSucceeded(await pbx, "pbx");
        Assert.Equal("connected", Result);
        Assert.Contains(_server.Log.Lines, line => line.Contains("calling 201 at", StringComparison.Ordinal));
        // Audio went both ways through the bridge: the caller's and the target's pcaps were relayed.
        var (toTarget, toCaller) = _server.Sip.FramesRelayed;
        Assert.True(toTarget > 50 && toCaller > 50, $"relayed {toTarget}/{toCaller} frames\n{_server.Log}");
        await AssertAllEnded();
    }

    [Fact]
    public async Task A_PBX_that_challenges_the_INVITE_gets_the_Digest_answer_of_pbx_auth_and_the_transfer_connects()
    {
        var pbx = Sipp("pbx", "-sf", Scenario("pbx-auth.xml"), "-s", "201");
        var caller = Sipp("caller", "-sf", Scenario("caller-hangs-up.xml"), "-s", "*71", "-d", "6000");
        await AssertSucceeded(await caller, "caller");
        await AssertSucceeded(await pbx, "pbx");   // SIPp verified the Authorization (verifyauth) or failed with 403
        Assert.Equal("connected", Result);
        await AssertAllEnded();
    }

    [Fact]
    public async Task An_assisted_transfer_to_a_busy_extension_takes_Busy()
    {
        var pbx = Sipp("pbx", "-sf", Scenario("pbx-busy.xml"), "-s", "201");
        var caller = Sipp("caller", "-sf", Scenario("caller-waits-bye.xml"), "-s", "*71");
        await AssertSucceeded(await caller, "caller");
        await AssertSucceeded(await pbx, "pbx");
        Assert.Equal("busy", Result);
        await AssertAllEnded();
    }

    [Fact]
    public async Task An_assisted_transfer_nobody_answers_is_cancelled_and_takes_NoAnswer()
    {
        var pbx = Sipp("pbx", "-sf", Scenario("pbx-noanswer.xml"), "-s", "201");
        var caller = Sipp("caller", "-sf", Scenario("caller-waits-bye.xml"), "-s", "*71");
        await AssertSucceeded(await caller, "caller");
        await AssertSucceeded(await pbx, "pbx");
        Assert.Equal("noanswer", Result);
        await AssertAllEnded();
    }

    [Fact]
    public async Task A_whisper_target_who_presses_1_is_connected()
    {
        var pbx = Sipp("pbx", "-sf", Scenario("pbx-whisper-1.xml"), "-s", "201");
        var caller = Sipp("caller", "-sf", Scenario("caller-hangs-up.xml"), "-s", "*72", "-d", "8000");
        await AssertSucceeded(await caller, "caller");
        await AssertSucceeded(await pbx, "pbx");
        Assert.Equal("accepted", Result);
        await AssertAllEnded();
    }

    [Fact]
    public async Task A_whisper_target_who_presses_another_key_rejects_the_call()
    {
        var pbx = Sipp("pbx", "-sf", Scenario("pbx-whisper-2.xml"), "-s", "201");
        var caller = Sipp("caller", "-sf", Scenario("caller-waits-bye.xml"), "-s", "*72");
        await AssertSucceeded(await caller, "caller");
        await AssertSucceeded(await pbx, "pbx");
        Assert.Equal("rejected", Result);
        await AssertAllEnded();
    }

    [Fact]
    public async Task A_parked_caller_is_paged_and_picked_up_from_the_slot()
    {
        var page = Sipp("pbx", "-sf", Scenario("pbx-answer.xml"), "-s", "302");
        var caller = Sipp("caller", "-sf", Scenario("caller-waits-bye.xml"), "-s", "*73");
        // The page was heard (answered, announced, hung up by CallFlow); then someone calls slot 9000.
        await AssertSucceeded(await page, "page");
        Assert.Contains(_server.Log.Lines, line => line.Contains("parked in slot 9000", StringComparison.Ordinal));
        Assert.Contains(_server.Log.Lines, line => line.Contains("calling 302 at", StringComparison.Ordinal));
        var pickup = await Sipp("pickup", "-sf", Scenario("caller-hangs-up.xml"), "-s", "9000", "-d", "3000");
        await AssertSucceeded(pickup, "pickup");
        // The picker hung up; CallFlow hangs up the parked caller.
        await AssertSucceeded(await caller, "caller");
        Assert.Equal("picked", Result);
        await AssertAllEnded();
    }

    [Fact]
    public async Task A_parked_caller_nobody_picks_up_takes_Timeout()
    {
        var page = Sipp("pbx", "-sf", Scenario("pbx-answer.xml"), "-s", "302");
        var caller = Sipp("caller", "-sf", Scenario("caller-waits-bye.xml"), "-s", "*73");
        await AssertSucceeded(await page, "page");
        await AssertSucceeded(await caller, "caller");
        Assert.Equal("timeout", Result);
        // The slot is free again: a late pick-up finds no such number.
        var late = await Sipp("late", "-sn", "uac", "-s", "9000");
        Assert.NotEqual(0, late.Exit);
        await AssertAllEnded();
    }

    [Fact]
    public async Task A_page_that_reaches_nobody_takes_Failure()
    {
        var page = Sipp("pbx", "-sf", Scenario("pbx-busy.xml"), "-s", "302");
        var caller = Sipp("caller", "-sf", Scenario("caller-waits-bye.xml"), "-s", "*73");
        await AssertSucceeded(await caller, "caller");
        await AssertSucceeded(await page, "page");
        Assert.Equal("failure", Result);
        await AssertAllEnded();
    }

    [Fact]
    public async Task A_new_message_rings_the_user_back_and_calls_the_callback_number()
    {
        var pbx = Sipp("pbx", "-sf", Scenario("pbx-answer.xml"), "-s", "201", "-m", "2");
        await LeaveMessageAsync("Alice");
        await AssertSucceeded(await pbx, "pbx");
        Assert.Equal(2, _server.Sip.CallbacksPlaced);
        Assert.Contains(_server.Log.Lines, line => line.Contains("calling 201 at", StringComparison.Ordinal));
        Assert.Contains(_server.Log.Lines, line => line.Contains("calling 5551234 at", StringComparison.Ordinal));
        Assert.StartsWith("called back ", Result);
        // A second message within 30 s calls nobody again.
        await LeaveMessageAsync("Alice");
        await Task.Delay(1000);
        Assert.Equal(2, _server.Sip.CallbacksPlaced);
        await AssertAllEnded();
    }

    private async Task LeaveMessageAsync(string mailbox)
    {
        await using var recording = await _server.Host.Store.BeginRecordingAsync(
            new CallFlow.Mailbox.RecordingRequest(mailbox) { CallerNumber = "01632960123", MinimumLength = TimeSpan.Zero });
        recording.Write(Enumerable.Repeat((byte)0xFF, 8000).ToArray());
        Assert.NotNull(await recording.CommitAsync());
    }

    private string Result => _server.Host.UserVariables.Get("Result");

    private async Task AssertAllEnded()
    {
        for (var i = 0; i < 50 && (_server.Host.Admission.Active > 0 || _server.Sip.Dialogs > 0); i++)
            await Task.Delay(100);
        Assert.True(_server.Host.Admission.Active == 0 && _server.Sip.Dialogs == 0, $"{_server.Host.Admission.Active} calls, {_server.Sip.Dialogs} dialogs left\n{_server.Log}");
    }

    private Task AssertSucceeded((int Exit, string Output) run, string who)
    {
        Assert.True(run.Exit == 0, $"{who}: exit {run.Exit}\n{run.Output}\n--- server log ---\n{_server.Log}");
        return Task.CompletedTask;
    }

    /// <summary>One SIPp: the PBX side ("pbx", "page": a UAS on the pbx_address port) or a caller (a UAC to the server).</summary>
    private Task<(int Exit, string Output)> Sipp(string role, params string[] arguments) =>
        SippProcess.Peer(_server.DataDirectory, role, _server.Port, role is "pbx" or "page" ? _pbxPort : null).RunAsync(arguments);

    private static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Sipp", name);
}
