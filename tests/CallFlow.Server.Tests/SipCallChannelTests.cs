using System.Net;
using CallFlow.Media;
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
}
