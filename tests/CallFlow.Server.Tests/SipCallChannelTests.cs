using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CallFlow.Media;
using CallFlow.Runtime.Hosting;
using CallFlow.Runtime.Vm;
using CallFlow.Server.Sip;
using CallFlow.Speech.Prompts;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallFlow.Server.Tests;

/// <summary>The SIP channel as the VM sees it, without a SIP peer.</summary>
public sealed class SipCallChannelTests
{
    [Fact]
    public async Task A_prompt_asked_for_after_the_media_closed_is_a_hang_up_not_a_failed_call()
    {
        // As when the caller hangs up while a prompt is loaded or spoken: the dialog closes the media meanwhile.
        using var clock = new MediaClock();
        var media = RtpSession.Open(clock, new RtpSessionOptions { LocalAddress = IPAddress.Loopback, Ports = new RtpPortAllocator(48000, 48099) });
        var prompts = new CallFlow.Server.Sip.PromptAudio(new PromptLibrary(new PromptLibraryOptions()));
        var channel = new SipCallChannel(media, prompts, TimeProvider.System, NullLogger.Instance);
        await media.DisposeAsync();

        var outcome = await channel.PlayAsync(new PlayEffect([new PlayPrompt(CallFlow.Vmp.VmpPromptKind.Speech, "Welcome")], ["en"]));

        Assert.IsType<HangUpOutcome>(outcome);
    }

    [Fact]
    public async Task A_recording_whose_sink_closes_ends_at_once_as_at_its_longest_length()
    {
        // As when the message store's disk fills up: the sink keeps no more, and the caller is not left talking on.
        using var clock = new MediaClock();
        await using var media = RtpSession.Open(clock, new RtpSessionOptions { LocalAddress = IPAddress.Loopback, Ports = new RtpPortAllocator(48000, 48099) });
        var prompts = new CallFlow.Server.Sip.PromptAudio(new PromptLibrary(new PromptLibraryOptions()));
        var channel = new SipCallChannel(media, prompts, TimeProvider.System, NullLogger.Instance);
        using var caller = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        caller.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        media.SetRemote((IPEndPoint)caller.LocalEndPoint!);
        clock.Start();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var talking = Task.Run(async () =>
        {
            // The caller talks: 20 ms of loud µ-law every 20 ms.
            var packet = new byte[12 + 160];
            packet[0] = 0x80;
            packet.AsSpan(12).Fill(0x10);
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            for (ushort sequence = 0; await pace.WaitForNextTickAsync(stop.Token).ConfigureAwait(false); sequence++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence * 160u);
                await caller.SendToAsync(packet, SocketFlags.None, media.LocalEndPoint);
            }
        });
        var sink = new ClosingSink(closeAfter: 8000);
        var watch = Stopwatch.StartNew();

        var result = await channel.RecordAsync(new RecordRequest(TimeSpan.FromSeconds(60), "#", TimeSpan.FromSeconds(30)), sink);

        Assert.Equal(RecordingEnd.MaxLength, result.End);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the recording went on for {watch.Elapsed.TotalSeconds:0.0} s after its sink closed");
        Assert.True(sink.Bytes >= 8000);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => talking);
    }

    /// <summary>Keeps audio until it has <c>closeAfter</c> bytes, then says it is closed.</summary>
    private sealed class ClosingSink(int closeAfter) : IAudioSink
    {
        public int Bytes { get; private set; }

        public bool IsClosed => Bytes >= closeAfter;

        public void Write(ReadOnlySpan<byte> muLaw) => Bytes += muLaw.Length;
    }
}
