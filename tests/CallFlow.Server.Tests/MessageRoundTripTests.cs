using System.Net;
using CallFlow.Audio;
using CallFlow.Mailbox;
using Xunit.Abstractions;

namespace CallFlow.Server.Tests;

/// <summary>
/// The "done when": a SIPp caller leaves a message that a second SIPp call hears back through the mailbox menu.
/// Both calls are real SIP and RTP on loopback against the server running the samples (Intuity mode). SIPp cannot save
/// what it receives, so <see cref="RtpCapture"/> taps the datagrams the server sends to the second call's media port;
/// the test then finds the first caller's audio (g711a.pcap, decoded) in them by cross-correlation, and the stored
/// message byte for byte. Prompts alone, a message never played, or a message stored in the wrong law all fail it.
/// Needs sip-tester and root (for the raw socket), as CI has.
/// </summary>
[Collection("SIP")]
public sealed class MessageRoundTripTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Longest a SIPp call may take (the second lasts about 55 s).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Normalised correlation a match must reach. The same audio after G.711 A-law to µ-law and back scores above
    /// 0.999; the A-law bytes of g711a.pcap read as µ-law (a message stored in the wrong law) 0.81, and at most 0.90
    /// in any half second; unrelated audio, such as prompts, about 0.
    /// </summary>
    private const double SameAudio = 0.98;

    /// <summary>
    /// Share of the caller's audible half seconds that must be found. Not all: on a loaded machine the recording can
    /// lose a few packets to the server's jitter buffer after a stall (seen: 90 ms of the 7.08 s; BaresipTests says
    /// more), which spoils the half second around the gap.
    /// </summary>
    private const double Enough = 0.8;

    private LoopbackServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync("roundtrip", port => $$"""
            {
              "system": { "min_message_length": 1 },
              "users": [ { "name": "Alice", "extension": "201", "source_numbers": ["V201"] } ],
              "groups": [ { "name": "Reception", "extension": "200" }, { "name": "Sales", "extension": "300" },
                          { "name": "Support", "extension": "301" }, { "name": "Warehouse", "extension": "302" } ],
              "server": { "sip_port": {{port}}, "http_port": 0, "rtp_port_min": 38000, "rtp_port_max": 38099, "shutdown_grace_seconds": 2 }
            }
            """, LoopbackServer.Samples());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_message_left_by_one_SIPp_call_is_heard_by_a_second_through_the_Intuity_menu()
    {
        var store = _server.Host.Store;
        var said = AudioMatch.Decode(SippPcap.Payloads(Path.Combine(SippPcap.Directory, "g711a.pcap"), payloadType: 8), G711Law.ALaw);

        // Call 1: an outside caller dials 201 and leaves the message (A-law).
        var (exit, sipp) = await _server.SippAsync(LoopbackPorts.FreeMediaPort(), Bound, "-sf", LoopbackServer.Scenario("roundtrip-leave.xml"), "-s", "201");
        Assert.True(exit == 0, Why("call 1 (leave a message) failed", sipp));
        Assert.True(await _server.IdleAsync(TimeSpan.FromSeconds(10)), Why("call 1 did not end on the server", sipp));
        var message = Assert.Single(await store.ListMessagesAsync("Alice", MessageState.New));
        Assert.Equal("01632960123", message.CallerNumber);
        var (format, stored) = await _server.MessageAudioAsync(message.Id);
        Assert.Equal(AudioFormat.Telephony(AudioEncoding.MuLaw), format);
        var storedAudio = AudioMatch.Decode(stored, G711Law.MuLaw);
        var deposited = AudioMatch.Coverage(storedAudio, said, SameAudio);
        output.WriteLine($"stored {message.Duration.TotalMilliseconds} ms for {said.Length / 8.0} ms sent; the caller's audio in it: {deposited}; media clock: {_server.Sip.MediaStats}");
        Assert.True(deposited.Fraction >= Enough, Why($"the stored message is not the audio call 1 sent: {deposited}", sipp));

        // Intuity makes a mailbox without a code choose one first (enter it, then again). The shipped DTMF pcaps cannot
        // do that: they share one SSRC and fixed timestamps, so a digit replayed in the same call is a repeat of the
        // first press, and a key whose pcap has an earlier timestamp than the last key's is stale (1 < 0 < 2 < ... < 9
        // < * < #). So the mailbox gets a code beforehand, as an administrator would with vmc mailbox reset-code;
        // her own extension is a trusted source (V201), so calling from it she is not asked for the code.
        await store.SetCodeAsync("Alice", "2580");

        // Call 2: Alice, from 201, presses 2 and listens; what the server sends her is captured.
        var mediaPort = LoopbackPorts.FreeMediaPort();
        RtpStream? heard;
        int datagrams;
        using (var capture = RtpCapture.Start(mediaPort))
        {
            (exit, sipp) = await _server.SippAsync(mediaPort, Bound, "-sf", LoopbackServer.Scenario("roundtrip-collect.xml"), "-s", "201");
            await Task.Delay(200);
            datagrams = capture.Datagrams.Count;
            heard = capture.Stream(payloadType: 0, IPAddress.Loopback);
        }
        Assert.True(exit == 0, Why("call 2 (collect) failed", sipp));
        Assert.True(heard is not null, Why($"no µ-law RTP reached call 2's media port {mediaPort} ({datagrams} datagrams captured)", sipp));
        var heardAudio = AudioMatch.Decode(heard.Payload, G711Law.MuLaw);
        output.WriteLine($"call 2 heard {heard.Payload.Length / 8.0:F0} ms from port {heard.SourcePort}: {heard.Packets} packets, {heard.Lost} lost");

        // The caller's words are in what call 2 heard...
        var inHeard = AudioMatch.Coverage(heardAudio, said, SameAudio);
        output.WriteLine($"the caller's audio in what call 2 heard: {inHeard}");
        Assert.True(inHeard.Fraction >= Enough, Why($"call 2 did not hear the message: {inHeard}", sipp));
        // ... as the store holds them, byte for byte (call 2 is µ-law, as the store is).
        var at = AudioMatch.Find(heardAudio, storedAudio);
        var same = 0;
        for (var i = 0; i < stored.Length && at.Lag + i < heard.Payload.Length; i++)
            same += at.Lag + i >= 0 && heard.Payload[at.Lag + i] == stored[i] ? 1 : 0;
        output.WriteLine($"the stored message in what call 2 heard: {at}; {same} of {stored.Length} bytes identical");
        Assert.True(same >= stored.Length * 0.99, Why($"only {same} of the stored message's {stored.Length} bytes reached call 2 as stored ({at})", sipp));

        // Heard in full, the message is no longer new (Intuity: Old).
        Assert.True(await _server.IdleAsync(TimeSpan.FromSeconds(10)), Why("call 2 did not end on the server", sipp));
        Assert.Empty(await store.ListMessagesAsync("Alice", MessageState.New));
        Assert.Equal(message.Id, Assert.Single(await store.ListMessagesAsync("Alice", MessageState.Old)).Id);
    }

    private string Why(string what, string sipp) => $"{what}\n--- SIPp ---\n{Tail(sipp, 40)}\n--- server log ---\n{Tail(_server.Log.ToString(), 60)}";

    private static string Tail(string text, int lines) => string.Join("\n", text.Split('\n').TakeLast(lines));
}
