using CallFlow.Audio;
using CallFlow.Compiler.Text;
using CallFlow.Mailbox;
using CallFlow.Vmp;
using Xunit.Abstractions;

namespace CallFlow.Server.Tests;

/// <summary>
/// A second real SIP client, baresip (Debian's baresip 1.0.0; CI installs it, .ci/run), calling the server on
/// loopback: a caller who hears the greeting and leaves a message, and keys (baresip's own RFC 4733 events) choosing a
/// menu entry. What baresip heard and sent comes from its sndfile recordings; the stored message is compared with
/// what it sent. These tests fail, not skip, without baresip.
/// </summary>
[Collection("SIP")]
public sealed class BaresipTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Longest baresip lives; every wait below is shorter.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private static readonly string[] English = ["en"];

    /// <summary>How much shorter than what baresip said after the tone a message may be (samples): the jitter buffer's
    /// 0.5 s lost at the hang-up and up to 1 s of overflow (see the test).</summary>
    private const int MessageSlack = 12000;

    private LoopbackServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync("baresip", port => $$"""
            {
              "system": { "min_message_length": 1 },
              "users": [ { "name": "Alice", "extension": "201" } ],
              "groups": [ { "name": "Reception", "extension": "200" }, { "name": "Sales", "extension": "300" },
                          { "name": "Support", "extension": "301" }, { "name": "Warehouse", "extension": "302" } ],
              "server": { "sip_port": {{port}}, "http_port": 0, "rtp_port_min": 38200, "rtp_port_max": 38299, "shutdown_grace_seconds": 2 }
            }
            """,
            // A menu that records a message for Alice only if key 3 arrives.
            [.. LoopbackServer.Samples(), new SourceText("tests/baresip-keys.vflow", """
                start shortcode "*97" {
                    menu {
                        prompt system(welcome)
                        timeout 8s
                        retries 0
                        key 3 -> Leave
                        on Timeout, Invalid -> disconnect
                    }
                    Leave: leave_mail "Alice" {
                        on Success, Failure -> disconnect
                    }
                }
                """)]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_baresip_caller_hears_the_greeting_and_leaves_a_message_as_long_as_it_talked()
    {
        // Alice's extension from an outside number: her mailbox's leave start point (the samples' Default.Leave,
        // Intuity): "not available, leave a message", the tone, then the recording until baresip hangs up at the end
        // of its 12 s of audio.
        await using var phone = BaresipPhone.Dial($"sip:201@127.0.0.1:{_server.Port}", Noise(TimeSpan.FromSeconds(12), seed: 201), Lifetime);
        Assert.True(await phone.WaitForAsync("Call established", TimeSpan.FromSeconds(20)), Why("baresip's call was not answered", phone));
        Assert.True(await phone.WaitForAsync("terminated", TimeSpan.FromSeconds(40)), Why("baresip's call did not end", phone));
        Assert.True(await _server.IdleAsync(TimeSpan.FromSeconds(10)), Why("the call did not end on the server", phone));
        var message = await NewMessageAsync("Alice", phone);
        Assert.Equal("baresip", message.CallerNumber);

        // It heard the greeting's two prompts and the tone, in that order (each prompt is sent on its own, whole
        // frames, so they are looked for one by one), and nothing before or after them while it talked.
        var (sentPcm, heardPcm) = phone.Recordings();
        var heard = Samples(heardPcm);
        var audible = AudioMatch.Audible(heard);
        output.WriteLine($"baresip heard {heard.Length / 8.0:F0} ms, audible from {audible?.First / 8.0:F0} to {audible?.End / 8.0:F0} ms");
        var previousEnd = 0;
        var prompts = new List<(double[] Audio, AudioAlignment Heard)>();
        foreach (var name in new[] { "not_available", "leave_message", "record_tone" })
        {
            var prompt = await PromptAsync(name);
            var found = AudioMatch.Find(heard, prompt);
            output.WriteLine($"{name} ({prompt.Length / 8.0:F0} ms): {found}");
            Assert.True(found.Correlation >= 0.9 && found.Lag >= previousEnd - 160, Why($"baresip did not hear {name} after the prompt before: {found}", phone));
            previousEnd = found.Lag + prompt.Length;
            prompts.Add((prompt, found));
        }
        Assert.NotNull(audible);
        var promptsStart = prompts[0].Heard.Lag + AudioMatch.Audible(prompts[0].Audio)!.Value.First;
        var promptsEnd = prompts[^1].Heard.Lag + AudioMatch.Audible(prompts[^1].Audio)!.Value.End;
        Assert.InRange(audible.Value.First, promptsStart - 1600, promptsStart + 1600);
        Assert.InRange(audible.Value.End, promptsEnd - 1600, promptsEnd + 1600);

        // The message is what it said from the tone to its hang-up, less what the server still held then. Known server
        // issue: after a stall of the server's receive loop (seen: 0.6 s on this shared machine) the burst that follows
        // fills the jitter buffer (25 packets) and, as the caller goes on at the same pace, it never drains: 0.5 s more
        // delay, a packet arriving a little early overflows it (a gap mid-message), and what it holds at the hang-up
        // is never recorded. Hence the slack below; tighten it when that is fixed.
        var sent = Samples(sentPcm);
        var (format, stored) = await _server.MessageAudioAsync(message.Id);
        Assert.Equal(AudioFormat.Telephony(AudioEncoding.MuLaw), format);
        var storedAudio = AudioMatch.Decode(stored, G711Law.MuLaw);
        var inSent = AudioMatch.Coverage(sent, storedAudio, 0.98);
        var start = inSent.Whole.Lag;
        var talked = sent.Length - start;
        output.WriteLine($"baresip sent {sent.Length / 8.0:F0} ms; stored {message.Duration.TotalMilliseconds} ms; the message in what it sent: {inSent}; " +
            $"it starts {start / 8.0:F0} ms into the call (the tone ended at {promptsEnd / 8.0:F0} ms of what baresip heard), {talked / 8.0:F0} ms before baresip hung up");
        Assert.True(inSent.Fraction >= 0.75, Why($"the stored message is not what baresip sent: {inSent}", phone));
        Assert.InRange(start, promptsEnd - 8000, promptsEnd + 8000);
        Assert.InRange(stored.Length, talked - MessageSlack, talked + 800);
    }

    [Fact]
    public async Task Keys_pressed_on_baresip_choose_the_menu_entry()
    {
        // *97: a menu in which only key 3 leads to recording a message; baresip presses 3 once the prompt has played.
        var welcome = await PromptAsync("welcome");
        await using var phone = BaresipPhone.Dial($"sip:*97@127.0.0.1:{_server.Port}", Noise(TimeSpan.FromSeconds(14), seed: 97), Lifetime);
        Assert.True(await phone.WaitForAsync("Call established", TimeSpan.FromSeconds(20)), Why("baresip's call was not answered", phone));
        await Task.Delay(TimeSpan.FromMilliseconds(welcome.Length / 8.0 + 500));
        await phone.PressAsync('3', TimeSpan.FromMilliseconds(160));
        Assert.True(await phone.WaitForAsync("send DTMF digit end: '3'", TimeSpan.FromSeconds(5)), Why("baresip did not send the key", phone));
        Assert.True(await phone.WaitForAsync("terminated", TimeSpan.FromSeconds(40)), Why("baresip's call did not end", phone));
        Assert.True(await _server.IdleAsync(TimeSpan.FromSeconds(10)), Why("the call did not end on the server", phone));
        var message = await NewMessageAsync("Alice", phone);
        output.WriteLine($"after key 3: a message of {message.Duration.TotalMilliseconds} ms from {message.CallerNumber}");
        Assert.True(message.Duration >= TimeSpan.FromSeconds(1), Why($"the message is only {message.Duration}", phone));
    }

    /// <summary>The one new message of <paramref name="mailbox"/>, waiting a little for its commit after the hang-up.</summary>
    private async Task<MessageInfo> NewMessageAsync(string mailbox, BaresipPhone phone)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await _server.Host.Store.ListMessagesAsync(mailbox, MessageState.New) is [var message])
                return message;
            await Task.Delay(100);
        }
        Assert.Fail(Why($"{mailbox} has no new message", phone));
        return null!;
    }

    /// <summary>A system prompt as the server plays it (from its own prompt library).</summary>
    private async Task<double[]> PromptAsync(string name)
    {
        var prompt = await _server.Host.Prompts.ResolveAsync(VmpPromptKind.System, name, English);
        Assert.True(prompt.Problem is null, $"prompt {name}: {prompt.Problem}");
        return AudioMatch.Decode(prompt.MuLaw.Span, G711Law.MuLaw);
    }

    /// <summary>Reproducible white noise at about a quarter of full scale: never silent, and unlike any prompt.</summary>
    private static short[] Noise(TimeSpan length, int seed)
    {
        var random = new Random(seed);
        var samples = new short[(int)(length.TotalSeconds * 8000)];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (short)random.Next(-8000, 8001);
        return samples;
    }

    private static double[] Samples(short[] pcm) => [.. pcm.Select(s => (double)s)];

    private string Why(string what, BaresipPhone phone) =>
        $"{what}\n--- baresip ---\n{Tail(phone.Output, 40)}\n--- server log ---\n{Tail(_server.Log.ToString(), 40)}";

    private static string Tail(string text, int lines) => string.Join("\n", text.Split('\n').TakeLast(lines));
}
