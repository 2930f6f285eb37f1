using CallFlow.Audio;
using CallFlow.Speech.Tts;

namespace CallFlow.Speech.Tests.Prompts;

/// <summary>TTS that "speaks" 10 ms of loud audio per character and remembers what it was asked.</summary>
internal sealed class FakeTextToSpeech : ITextToSpeech
{
    public List<(string Text, string Language)> Requests { get; } = [];

    /// <summary>When set, every request fails this way.</summary>
    public TtsFailure? Failure { get; set; }

    public ValueTask<TtsResult> SpeakAsync(string text, string language, CancellationToken cancellationToken = default)
    {
        lock (Requests)
            Requests.Add((text, language));
        return ValueTask.FromResult(Failure is { } failure
            ? TtsResult.Failed(failure, "the fake engine was told to fail")
            : TtsResult.Spoken(Audio(text.Length * 80), "fake-" + language, fromCache: false));
    }

    /// <summary>A square wave at ±10,000: never taken for silence.</summary>
    public static byte[] Audio(int bytes) =>
        [.. Enumerable.Range(0, bytes).Select(i => G711.Encode(i % 2 == 0 ? (short)10000 : (short)-10000, G711Law.MuLaw))];
}
