using CallFlow.Audio;
using CallFlow.Speech.Tts;

namespace CallFlow.Speech.Tests.Tts;

/// <summary>
/// An engine that answers at once (or when <see cref="Hold"/> is released) with a 22,050 Hz WAV of 1 ms per SSML
/// character, and counts what it was asked and how many syntheses ran at the same time.
/// </summary>
internal sealed class FakeSpeechEngine : ISpeechEngine
{
    private readonly Lock _lock = new();
    private int _running;

    public IReadOnlySet<string> Voices { get; init; } = new HashSet<string>(EspeakVoices.ByLanguage.Values.OfType<string>(), StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, every synthesis waits for it (or for its cancellation token).</summary>
    public TaskCompletionSource? Hold { get; set; }

    public int Calls { get; private set; }

    public int MaxRunning { get; private set; }

    public List<string> Started { get; } = [];

    public int Running
    {
        get
        {
            lock (_lock)
                return _running;
        }
    }

    public async Task<byte[]> SynthesizeAsync(string voice, string ssml, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Calls++;
            _running++;
            MaxRunning = Math.Max(MaxRunning, _running);
            Started.Add(ssml);
        }
        try
        {
            if (Hold is { } hold)
                await hold.Task.WaitAsync(cancellationToken);
            return Wav(ssml.Length * 22);
        }
        finally
        {
            lock (_lock)
                _running--;
        }
    }

    public Task<IReadOnlySet<string>> ListVoicesAsync(CancellationToken cancellationToken) => Task.FromResult(Voices);

    public Task<string> GetVersionAsync(CancellationToken cancellationToken) => Task.FromResult("fake 1.0");

    /// <summary>A 22,050 Hz 16-bit mono WAV of a 440 Hz tone.</summary>
    public static byte[] Wav(int samples)
    {
        var pcm = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(2 * i), (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 22050)));
        return WavWriter.ToBytes(new AudioFormat(AudioEncoding.Pcm16, 22050, 1), pcm);
    }
}
