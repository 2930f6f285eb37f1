using System.Diagnostics;
using CallFlow.Compiler.Text;
using CallFlow.Server.Alarms;
using CallFlow.Server.Sip;

namespace CallFlow.Server.Tests;

/// <summary>
/// Alarm calls over real SIP: a SIPp caller books an alarm through a flow's Alarm Set, and a second SIPp playing the
/// PBX (server.pbx_address) receives the alarm call, keys the cancel code, and is hung up on. The alarms are rung by
/// the server's alarm clock, which the test moves forward to just before the alarm's time once it is booked, so
/// nothing waits for a real 07:00 and nothing depends on when the test runs.
/// </summary>
[Collection("SIP")]
public sealed class AlarmCallTests : IAsyncLifetime
{
    private const string Flows = """
        start shortcode "*74" {
            alarm_set {
                target "201"
                time 07:00
                frequency daily
                display "WAKE UP"
                ring_time 20s
                cancel_code "*"
            } -> disconnect
        }
        """;

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly MovableClock _clock = new();
    private LoopbackServer _server = null!;
    private int _pbxPort;

    /// <summary>Today (in London) at 06:00: the booking is for 07:00 the same day.</summary>
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, London).DateTime);

    public async Task InitializeAsync()
    {
        _pbxPort = LoopbackPorts.FreeUdpAndTcpPort();
        _clock.Set(AlarmSchedule.At(Today, new TimeOnly(6, 0), London));
        _server = await LoopbackServer.StartAsync("alarm-calls", port => $$"""
            {
              "system": { "time_zone": "Europe/London" },
              "users": [ { "name": "Alice", "extension": "201" } ],
              "server": { "sip_port": {{port}}, "http_port": 0, "rtp_port_min": 36000, "rtp_port_max": 36999, "shutdown_grace_seconds": 2,
                          "pbx_address": "127.0.0.1:{{_pbxPort}}" }
            }
            """, [new SourceText("tests/alarms.vflow", Flows)], frontEnd: (host, settings) => new SipFrontEnd(host, settings) { AlarmClock = _clock });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_alarm_booked_by_a_caller_rings_the_extension_at_its_time_until_the_cancel_code_and_moves_to_tomorrow()
    {
        var caller = await Sipp("caller", "-sf", Scenario("caller-waits-bye.xml"), "-s", "*74");
        AssertSucceeded(caller, "caller");
        var booked = Assert.Single(_server.Sip.AlarmBook!.Alarms);
        var seven = AlarmSchedule.At(Today, new TimeOnly(7, 0), London);
        Assert.Equal(("201", AlarmFrequency.Daily, "WAKE UP", TimeSpan.FromSeconds(20), "*", seven), (booked.Target, booked.Frequency, booked.Display, booked.RingTime,
            booked.CancelCode, booked.NextRing));
        Assert.Contains(_server.Log.Lines, l => l.Contains("alarm 1 booked for 201 at 07:00 (daily)", StringComparison.Ordinal));
        Assert.Equal(0, _server.Sip.AlarmCallsPlaced);

        // The PBX listens; the clock moves to a second before seven, and the alarm rings within the loop's second.
        var pbx = Sipp("pbx", "-sf", Scenario("pbx-alarm.xml"));
        await Task.Delay(500);
        _clock.Set(seven.AddSeconds(-1));
        AssertSucceeded(await pbx, "pbx");

        Assert.Contains(_server.Log.Lines, l => l.Contains("calling 201 at", StringComparison.Ordinal));
        await Until(() => _server.Sip.AlarmBook.Alarms.Single().Occurrence != seven, "the alarm moved on");
        await Until(() => _server.Log.Lines.Any(l => l.Contains("alarm 1 for 201: Acknowledged", StringComparison.Ordinal)), "the outcome logged");
        var tomorrow = Assert.Single(_server.Sip.AlarmBook.Alarms);
        Assert.Equal((AlarmSchedule.At(Today.AddDays(1), new TimeOnly(7, 0), London), 0), (tomorrow.NextRing, tomorrow.Attempt));
        Assert.Contains(_server.Log.Lines, l => l.Contains("alarm 1 for 201: Acknowledged; next ring", StringComparison.Ordinal));
        Assert.Equal(1, _server.Sip.AlarmCallsPlaced);
        // Durable: the file says the same.
        Assert.Equal(tomorrow, Assert.Single(AlarmBook.Open(_server.DataDirectory, setAside: false).Alarms));
        await AssertAllEnded();
    }

    [Fact]
    public async Task An_alarm_added_by_another_process_rings_a_busy_target_again_after_the_interval_then_leaves_the_book()
    {
        var pbx = Sipp("pbx", "-sf", Scenario("pbx-busy.xml"), "-m", "2");
        await Task.Delay(500);
        // As vmc alarm add does while the server runs: its own book on the same file. A mailbox name rings its extension.
        var now = _clock.GetUtcNow();
        AlarmBook.Open(_server.DataDirectory, setAside: false).Add(new Alarm
        {
            Id = 0, Target = "Alice", Time = new TimeOnly(6, 0), Frequency = AlarmFrequency.Single, Day = now.DayOfWeek, Retries = 1,
            Interval = TimeSpan.FromSeconds(1), RingTime = TimeSpan.FromSeconds(5), Occurrence = now, NextRing = now, BookedBy = "vmc alarm add",
        });
        AssertSucceeded(await pbx, "pbx");
        await Until(() => _server.Sip.AlarmBook!.Alarms.IsEmpty, "the alarm done");
        // The book is updated first and the outcome logged just after: wait for the line, not only the book.
        await Until(() => _server.Log.Lines.Any(l => l.Contains("alarm 1 for Alice: Busy; done", StringComparison.Ordinal)), "the outcome logged");
        Assert.Equal(2, _server.Sip.AlarmCallsPlaced);
        Assert.Equal(2, _server.Log.Lines.Count(l => l.Contains("calling 201 at", StringComparison.Ordinal)));
        Assert.Contains(_server.Log.Lines, l => l.Contains("alarm 1 for Alice: Busy; repeat 1 at", StringComparison.Ordinal));
        Assert.Contains(_server.Log.Lines, l => l.Contains("alarm 1 for Alice: Busy; done, removed from the book", StringComparison.Ordinal));
        await AssertAllEnded();
    }

    private async Task Until(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Bound, $"{what} did not happen within {Bound}\n{_server.Log}");
            await Task.Delay(100);
        }
    }

    private async Task AssertAllEnded()
    {
        for (var i = 0; i < 50 && (_server.Host.Admission.Active > 0 || _server.Sip.Dialogs > 0); i++)
            await Task.Delay(100);
        Assert.True(_server.Host.Admission.Active == 0 && _server.Sip.Dialogs == 0, $"{_server.Host.Admission.Active} calls, {_server.Sip.Dialogs} dialogs left\n{_server.Log}");
    }

    private void AssertSucceeded((int Exit, string Output) run, string who) =>
        Assert.True(run.Exit == 0, $"{who}: exit {run.Exit}\n{run.Output}\n--- server log ---\n{_server.Log}");

    /// <summary>One SIPp: the PBX (a UAS on the pbx_address port) or a caller (a UAC to the server).</summary>
    private Task<(int Exit, string Output)> Sipp(string role, params string[] arguments) =>
        SippProcess.Peer(_server.DataDirectory, role, _server.Port, role == "pbx" ? _pbxPort : null).RunAsync(arguments);

    private static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Sipp", name);

    /// <summary>The system clock moved by an offset the test sets; timers run in real time.</summary>
    private sealed class MovableClock : TimeProvider
    {
        private long _offsetTicks;

        public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _offsetTicks, (now - System.GetUtcNow()).Ticks);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
    }
}
