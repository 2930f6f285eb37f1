using System.Net;
using System.Numerics;
using CallFlow.Audio;
using CallFlow.Compiler.Text;
using CallFlow.Runtime.Vm;
using CallFlow.Configuration;
using CallFlow.Server.Sip;
using CallFlow.Sip;
using CallFlow.Speech.Prompts;
using CallFlow.Speech.Tts;
using CallFlow.Vmp;
using Xunit.Abstractions;
using ServerPromptAudio = CallFlow.Server.Sip.PromptAudio;

namespace CallFlow.Server.Tests;

/// <summary>
/// Speak Text is heard in the call's language over SIP (docs/sip.md, "The call's language"): a test caller
/// (<see cref="TestCaller"/>) calls the server, records the µ-law RTP it receives, and the audio is compared with the
/// server's own espeak-ng rendering of the same text in French and in English: the right one must match (normalised
/// cross-correlation near 1, the same spoken length), the other must not. Needs espeak-ng: without it these tests pass
/// quietly off CI and fail under CI=true (.ci/run installs it).
/// </summary>
[Collection("SIP")]
public sealed class SpeakTextLanguageTests(ITestOutputHelper testOutput) : IAsyncLifetime
{
    private const string Text = "Bonjour. Vous êtes bien sur la messagerie vocale. Merci de rappeler demain matin.";

    private const string Flows = $$"""
        start shortcode "*91" {
            speak_text "{{Text}}" -> disconnect
        }
        start default leave {
            speak_text "{{Text}}" -> disconnect
        }
        """;

    // A good match is the same bytes (G.711 µ-law passes through unchanged), so near 1; two renderings of one text in
    // two voices stay far below this whatever the alignment.
    private const double Match = 0.9;
    private const double NoMatch = 0.6;

    private static readonly Lazy<bool> EspeakInstalled = new(() =>
    {
        try
        {
            new EspeakProcessEngine(new EspeakOptions()).GetVersionAsync(CancellationToken.None).GetAwaiter().GetResult();
            return true;
        }
        catch (SpeechEngineException)
        {
            return false;
        }
    });

    private LoopbackServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync("speak-language", port => $$"""
            {
              "system": { "language": "en" },
              "users": [ { "name": "Alice", "extension": "201" }, { "name": "Amelie", "extension": "205", "language": "fr" } ],
              "server": { "sip_port": {{port}}, "http_port": 0, "rtp_port_min": 37000, "rtp_port_max": 37099, "shutdown_grace_seconds": 2 }
            }
            """, [new SourceText("speak.vflow", Flows)], captureLog: false);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("a language parameter from the PBX", "*91", "01632960123", ";language=fr-FR", "fr")]
    [InlineData("an internal caller whose user language is French", "*91", "205", "", "fr")]
    [InlineData("an external caller to a French user's mailbox", "205", "01632960123", "", "fr")]
    [InlineData("an external caller to a mailbox without a language", "201", "01632960123", "", "en")]
    [InlineData("an external caller to a short code, nothing set", "*91", "01632960123", "", "en")]
    public async Task Speak_Text_is_heard_in_the_language_chosen_for_the_call(string why, string called, string caller, string uriParameters, string expected)
    {
        if (!Espeak())
            return;
        var other = expected == "fr" ? "en" : "fr";
        var references = new Dictionary<string, short[]>
        {
            [expected] = await RenderAsync(expected),
            [other] = await RenderAsync(other),
        };
        // The test means something only if the two renderings cannot be mistaken for each other.
        Assert.True(BestCorrelation(references["fr"], references["en"]) < NoMatch, "the French and English renderings are too alike to tell apart");

        var call = await TestCaller.CallAsync(_server.Sip.EndPoint!, called, caller, TimeSpan.FromSeconds(30), uriParameters);

        Assert.True(call.Status == 200, $"{why}: the call was not answered:\n{call.Trace}");
        Assert.True(call.ByeReceived, $"{why}: the server did not hang up after speaking:\n{call.Trace}");
        var heard = Pcm(call.Audio);
        var matches = references.ToDictionary(r => r.Key, r => BestCorrelation(heard, r.Value));
        var spoken = Voiced(heard);
        var lengths = references.ToDictionary(r => r.Key, r => Voiced(r.Value));
        var summary = $"{why}: heard {heard.Length / 8} ms of audio ({call.Packets} packets, {call.Lost} lost), speech {spoken / 8} ms; "
            + string.Join("; ", references.Keys.Select(l => $"{l}: correlation {matches[l]:0.000}, rendering's speech {lengths[l] / 8} ms"));
        testOutput.WriteLine(summary);

        Assert.True(matches[expected] >= Match, $"expected {expected}; {summary}");
        Assert.True(matches[other] < NoMatch, $"expected {expected}, not {other}; {summary}");
        Assert.InRange(spoken, lengths[expected] - 480, lengths[expected] + 480); // within 60 ms
    }

    [Theory]
    [InlineData("sip:*91@pbx;language=fr", "01632960123", null, "fr")]                 // the PBX's locale
    [InlineData("sip:*91@pbx;lang=fr-CA", "01632960123", null, "frc")]                 // an IETF tag
    [InlineData("sip:*91@pbx;language=DEU", "205", null, "de")]                        // a Windows name, over the user's
    [InlineData("sip:*91@pbx;language=klingon", "01632960123", null, "en")]            // not a prompt language: ignored
    [InlineData("sip:*91@pbx;language=klingon;lang=es-MX", "01632960123", null, "eso")]
    [InlineData("sip:*91@pbx", "205", null, "fr")]                                     // an internal caller's own language
    [InlineData("sip:*91@pbx", "Amelie", null, "fr")]                                  // known by name
    [InlineData("sip:201@pbx", "205", "Alice", "fr")]                                  // internal: the caller's, not the called user's
    [InlineData("sip:205@pbx", "201", "Amelie", "en")]                                 // internal without a language: the system's
    [InlineData("sip:205@pbx", "01632960123", "Amelie", "fr")]                         // external: the called user's
    [InlineData("sip:201@pbx", "01632960123", "Alice", "en")]
    [InlineData("sip:300@pbx", "01632960123", "Sales", "en")]                          // a group has no language
    [InlineData("sip:*91@pbx", "", null, "en")]
    public void The_language_follows_the_documented_order(string requestUri, string caller, string? mailbox, string expected)
    {
        var configuration = ConfigurationLoader.Parse("""
            {
              "system": { "language": "en" },
              "users": [ { "name": "Alice", "extension": "201" }, { "name": "Amelie", "extension": "205", "language": "fr" } ],
              "groups": [ { "name": "Sales", "extension": "300", "members": ["Amelie"] } ]
            }
            """, "callflow.json").Configuration!;
        var invite = SipMessage.NewRequest(SipMethods.Invite, SipUri.Parse(requestUri));
        Assert.Equal(expected, CallLanguage.Choose(invite, caller, mailbox, configuration));
    }

    private static bool Espeak()
    {
        if (EspeakInstalled.Value)
            return true;
        Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "espeak-ng is not installed; CI must install it (.ci/run)");
        return false;
    }

    /// <summary>
    /// <see cref="Text"/> in <paramref name="language"/> as the server renders Speak Text: a prompt library with
    /// espeak-ng, like <see cref="ServerHost.Prompts"/> (a fresh one, so nothing comes from the server's cache), whose
    /// µ-law the call's <see cref="ServerPromptAudio"/> sends unchanged on a µ-law call.
    /// </summary>
    private async Task<short[]> RenderAsync(string language)
    {
        var library = new PromptLibrary(new PromptLibraryOptions { SystemPromptDirectory = Path.Combine(_server.DataDirectory, "no-prompts") }, new EspeakTextToSpeech());
        var rendered = await library.ResolveAsync(VmpPromptKind.Speech, Text, [language]);
        Assert.True(rendered.Found && rendered.Language == language, $"no {language} rendering: {rendered.Problem}");
        // Through the server's PromptAudio (from the library's cache now), read as the media clock reads it.
        var source = await new ServerPromptAudio(library).ResolveAsync(new PlayPrompt(VmpPromptKind.Speech, Text), [language], G711Law.MuLaw, CancellationToken.None);
        var bytes = new List<byte>();
        var frame = new byte[160];
        for (var read = source.Read(frame); read > 0; read = source.Read(frame))
            bytes.AddRange(frame.AsSpan(0, read));
        Assert.Equal(rendered.MuLaw.ToArray(), bytes);
        return Pcm(bytes.ToArray());
    }

    private static short[] Pcm(ReadOnlySpan<byte> muLaw)
    {
        var pcm = new short[muLaw.Length];
        G711.Decode(muLaw, pcm, G711Law.MuLaw);
        return pcm;
    }

    /// <summary>Samples from the first to the last one louder than a quiet line (about -34 dBFS).</summary>
    private static int Voiced(short[] pcm)
    {
        const int Loud = 600;
        var first = Array.FindIndex(pcm, s => Math.Abs((int)s) > Loud);
        var last = Array.FindLastIndex(pcm, s => Math.Abs((int)s) > Loud);
        return first < 0 ? 0 : last - first + 1;
    }

    /// <summary>
    /// The highest normalised cross-correlation of <paramref name="reference"/> against <paramref name="heard"/> over
    /// half a second of lags either side of where their speech starts line up (audio outside <paramref name="heard"/>
    /// counts as silence): 1 for the same samples, near 0 for unrelated sounds.
    /// </summary>
    private static double BestCorrelation(short[] heard, short[] reference)
    {
        const int Search = 4000;
        var start = Array.FindIndex(heard, s => Math.Abs((int)s) > 600);
        var referenceStart = Array.FindIndex(reference, s => Math.Abs((int)s) > 600);
        if (start < 0 || referenceStart < 0)
            return 0;
        // Padded with silence on both sides so every lag reads inside the array.
        var padded = new float[heard.Length + (2 * (reference.Length + Search))];
        for (var i = 0; i < heard.Length; i++)
            padded[reference.Length + Search + i] = heard[i];
        var r = reference.Select(s => (float)s).ToArray();
        var referenceEnergy = r.Sum(v => (double)v * v);
        var energy = new double[padded.Length + 1];
        for (var i = 0; i < padded.Length; i++)
            energy[i + 1] = energy[i] + ((double)padded[i] * padded[i]);

        var best = 0.0;
        var center = reference.Length + Search + start - referenceStart;
        for (var offset = center - Search; offset <= center + Search; offset++)
        {
            if (offset < 0 || offset + r.Length > padded.Length)
                continue;
            var windowEnergy = energy[offset + r.Length] - energy[offset];
            if (windowEnergy <= 0)
                continue;
            var correlation = Dot(r, padded.AsSpan(offset, r.Length)) / Math.Sqrt(referenceEnergy * windowEnergy);
            best = Math.Max(best, correlation);
        }
        return best;
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        double total = Vector.Sum(sum);
        for (; i < a.Length; i++)
            total += a[i] * b[i];
        return total;
    }
}
