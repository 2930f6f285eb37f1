using System.Net;
using System.Net.Sockets;
using CallFlow.Compiler.Text;
using CallFlow.Mailbox;

namespace CallFlow.Server.Tests;

/// <summary>
/// Real SIP peers against the server on loopback: SIPp (Debian sip-tester) places calls with RTP audio and RFC 4733
/// keys; the server runs the samples. CI installs sip-tester (.ci/run); these tests fail, not skip, without it.
/// </summary>
[Collection("SIP")]
public sealed class SippTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        // The samples, plus a menu that does not depend on the time of day (the attendant's office hours do).
        var menu = new SourceText("tests/transfer.vflow", """
            start shortcode "*90" {
                menu {
                    prompt system(welcome)
                    key 1 -> Sales
                    on Timeout, Invalid -> disconnect
                }
                Sales: transfer "300"
            }
            """);
        _server = await LoopbackServer.StartAsync("sipp", port => $$"""
            {
              "system": { "min_message_length": 1 },
              "users": [ { "name": "Alice", "extension": "201" } ],
              "groups": [ { "name": "Reception", "extension": "200" }, { "name": "Sales", "extension": "300" },
                          { "name": "Support", "extension": "301" }, { "name": "Warehouse", "extension": "302" } ],
              "server": { "sip_port": {{port}}, "http_port": 0, "rtp_port_min": 32000, "rtp_port_max": 32999, "shutdown_grace_seconds": 2,
                          "answer_delay_ms": 1500 }
            }
            """, [.. LoopbackServer.Samples(), menu], captureLog: false);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_OPTIONS_ping_is_answered()
    {
        var (exit, output) = await SippAsync("-sf", Scenario("options.xml"), "-m", "1");
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task A_basic_call_to_the_attendant_is_answered_and_hung_up()
    {
        var (exit, output) = await SippAsync("-sn", "uac", "-s", "*80", "-m", "1", "-d", "2000");
        Assert.True(exit == 0, output);
        // SIPp is done once the server's 200 answers its BYE; the server ends the call's flow just after.
        Assert.True(await _server.IdleAsync(TimeSpan.FromSeconds(10)), $"the call did not end on the server: {_server.Host.Admission.Active} active");
    }

    [Fact]
    public async Task A_forwarded_caller_leaves_a_message_with_real_RTP_audio()
    {
        var (exit, output) = await SippAsync("-sf", Scenario("leave-message.xml"), "-s", "voicemail", "-m", "1");
        Assert.True(exit == 0, output);
        var messages = await _server.Host.Store.ListMessagesAsync("Alice", MessageState.New);
        var message = Assert.Single(messages);
        Assert.Equal("01632960123", message.CallerNumber);
        // The recording must be within one frame of the audio sent.
        Assert.InRange(message.Duration.TotalMilliseconds, PcapAudioMilliseconds - 20, PcapAudioMilliseconds + 20);
    }

    [Fact]
    public async Task A_key_in_a_menu_transfers_the_caller_by_REFER()
    {
        var (exit, output) = await SippAsync("-sf", Scenario("transfer.xml"), "-m", "1");
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task A_caller_who_gives_up_while_it_rings_is_cancelled_cleanly()
    {
        var (exit, output) = await SippAsync("-sf", Scenario("cancel.xml"), "-m", "1");
        Assert.True(exit == 0, output);
        for (var i = 0; i < 50 && (_server.Host.Admission.Active > 0 || _server.Sip.Dialogs > 0); i++)
            await Task.Delay(100);
        Assert.Equal(0, _server.Host.Admission.Active);
        Assert.Equal(0, _server.Sip.Dialogs);
    }

    // The audio in sip-tester's g711a.pcap: 236 RTP packets of 240 bytes (30 ms) = 56,640 bytes, 7.08 s.
    private const double PcapAudioMilliseconds = 7080;

    private Task<(int Exit, string Output)> SippAsync(params string[] arguments) =>
        _server.SippAsync(LoopbackPorts.FreeMediaPort(), TimeSpan.FromSeconds(60), arguments);

    private static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Sipp", name);
}
