using System.Collections.Concurrent;
using CallFlow.Audio;

namespace CallFlow.Speech.Tts;

/// <summary>
/// Speak Text with espeak-ng: the text's SAPI tags become SSML (<see cref="SapiMarkup"/>), the voice comes from the
/// call's prompt language (<see cref="EspeakVoices"/>), at most <see cref="EspeakOptions.MaxConcurrent"/> syntheses
/// run at once (the TTS ports; later requests queue in order), each in its own process with a time limit, and the
/// 22,050 Hz output is resampled to 8 kHz µ-law. Results are cached by voice and text, and identical requests in
/// flight share one synthesis. Failures come back as <see cref="TtsResult"/>s, never as exceptions.
/// </summary>
/// <example><code>
/// var tts = new EspeakTextToSpeech(new EspeakOptions());
/// var result = await tts.SpeakAsync("Your balance is $DBD[0] pounds.", call.Language, cancellationToken);
/// </code></example>
public sealed class EspeakTextToSpeech : ITextToSpeech
{
    private const int OutputRate = 8000;

    private readonly EspeakOptions _options;
    private readonly ISpeechEngine _engine;
    private readonly FifoGate _ports;
    private readonly AudioCache _cache;
    private readonly ConcurrentDictionary<(string Voice, string Text), Lazy<Task<TtsResult>>> _inFlight = new();
    private readonly Lock _voicesLock = new();
    private Task<IReadOnlySet<string>>? _voices;

    /// <summary>espeak-ng as <paramref name="options"/> say (defaults: <c>espeak-ng</c> on PATH, 8 ports).</summary>
    public EspeakTextToSpeech(EspeakOptions? options = null)
        : this(options ?? new EspeakOptions(), new EspeakProcessEngine(options ?? new EspeakOptions()))
    {
    }

    /// <summary>Another engine behind the same ports, cache and resampling (tests use a fake one).</summary>
    public EspeakTextToSpeech(EspeakOptions options, ISpeechEngine engine)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(engine);
        options.Validate();
        (_options, _engine) = (options, engine);
        _ports = new FifoGate(options.MaxConcurrent);
        _cache = new AudioCache(options.CacheBytes);
    }

    /// <summary>Counters since construction.</summary>
    public TtsStatistics Statistics { get; } = new();

    /// <summary>Syntheses running now (at most <see cref="EspeakOptions.MaxConcurrent"/>).</summary>
    public int Busy => _ports.InUse;

    /// <summary>Bytes of audio in the cache.</summary>
    public long CachedBytes => _cache.Bytes;

    /// <summary>The engine behind this (its version keys the rendered prompts).</summary>
    public ISpeechEngine Engine => _engine;

    /// <inheritdoc />
    public async ValueTask<TtsResult> SpeakAsync(string text, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(language);
        Statistics.Requested();
        var result = await SpeakCoreAsync(text, language, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            Statistics.Failed();
        return result;
    }

    /// <summary>
    /// The voice that would speak <paramref name="language"/>, along its fallback chain; null when none is installed.
    /// Asks espeak-ng once for its voices (<c>--voices</c>) and keeps the answer.
    /// </summary>
    /// <exception cref="SpeechEngineException">espeak-ng is not installed or its voice list failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled, or the listing took longer than <see cref="EspeakOptions.ProcessTimeout"/>.</exception>
    public async ValueTask<string?> VoiceForAsync(string language, CancellationToken cancellationToken = default) =>
        EspeakVoices.Choose(language, await InstalledVoicesAsync(cancellationToken).ConfigureAwait(false));

    private async ValueTask<TtsResult> SpeakCoreAsync(string text, string language, CancellationToken cancellationToken)
    {
        if (text.Length > _options.MaxTextLength)
            return TtsResult.Failed(TtsFailure.TooLong,
                $"the text has {text.Length:N0} characters; Speak Text takes at most {_options.MaxTextLength:N0}");
        string? voice;
        try
        {
            voice = await VoiceForAsync(language, cancellationToken).ConfigureAwait(false);
        }
        catch (SpeechEngineException e)
        {
            return TtsResult.Failed(e.Failure, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TtsResult.Failed(TtsFailure.TimedOut, $"espeak-ng did not list its voices within {_options.ProcessTimeout.TotalSeconds:0.#} s");
        }
        if (voice is null)
            return TtsResult.Failed(TtsFailure.NoVoice,
                $"espeak-ng has no voice for '{language}' nor for its fallbacks ({string.Join(", ", Vmp.PromptLanguages.FallbackChain(language))}); " +
                $"install its voice ({EspeakVoices.Preferred(language) ?? "none exists"}) or English");

        // Keyed by the text as given: the SSML follows from it, so a hit costs no markup translation.
        var key = (voice, text);
        if (_cache.TryGet(key, out var cached))
        {
            Statistics.Hit();
            return TtsResult.Spoken(cached, voice, fromCache: true);
        }
        var ssml = SapiMarkup.ToSsml(text);
        if (SapiMarkup.IsSilent(ssml))
            return TtsResult.Spoken(ReadOnlyMemory<byte>.Empty, voice, fromCache: false);
        // One synthesis per key at a time: a second caller for the same text waits for the first one's audio.
        var ours = new Lazy<Task<TtsResult>>(() => RenderAsync(voice, ssml, key));
        var shared = _inFlight.GetOrAdd(key, ours);
        if (shared != ours)
            Statistics.Hit();
        var result = await shared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return shared == ours || !result.Succeeded ? result : TtsResult.Spoken(result.Audio, voice, fromCache: true);
    }

    /// <summary>Runs without the caller's token: callers that share it may still want the audio when the first hangs up.</summary>
    private async Task<TtsResult> RenderAsync(string voice, string ssml, (string Voice, string Text) key)
    {
        try
        {
            if (!await _ports.EnterAsync(_options.QueueTimeout, CancellationToken.None).ConfigureAwait(false))
                return TtsResult.Failed(TtsFailure.Busy,
                    $"all {_options.MaxConcurrent} TTS ports stayed busy for {_options.QueueTimeout.TotalSeconds:0.#} s; raise MaxConcurrent or QueueTimeout");
            byte[] wav;
            try
            {
                using var timeout = new CancellationTokenSource(_options.ProcessTimeout);
                Statistics.Synthesized();
                wav = await _engine.SynthesizeAsync(voice, ssml, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return TtsResult.Failed(TtsFailure.TimedOut,
                    $"espeak-ng did not finish within {_options.ProcessTimeout.TotalSeconds:0.#} s and was stopped; shorten the text or raise ProcessTimeout");
            }
            catch (SpeechEngineException e)
            {
                return TtsResult.Failed(e.Failure, e.Message);
            }
            finally
            {
                _ports.Leave();
            }
            if (ToTelephony(wav) is not { } audio)
                return TtsResult.Failed(TtsFailure.EngineFailed, "espeak-ng's output is not 16-bit mono PCM WAV");
            _cache.Add(key, audio);
            return TtsResult.Spoken(audio, voice, fromCache: false);
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }

    /// <summary>16-bit mono PCM at any rate (espeak-ng: 22,050 Hz) to 8 kHz µ-law; null for anything else.</summary>
    internal static byte[]? ToTelephony(byte[] wav)
    {
        WavInfo info;
        try
        {
            info = WavReader.Read(wav);
        }
        catch (WavFormatException)
        {
            return null;
        }
        // espeak-ng writes to a pipe, so its header claims 0x7FFFF000 data bytes; the reader takes what is there.
        if (info.Format.Channels != 1 || info.Format.Encoding != AudioEncoding.Pcm16)
            return null;
        var samples = new short[info.DataLength / 2];
        SampleConverter.ReadPcm16(info.GetData(wav), samples);
        var telephony = Resampler.For(info.Format.SampleRate, OutputRate).Resample(samples);
        var muLaw = new byte[telephony.Length];
        G711.Encode(telephony, muLaw, G711Law.MuLaw);
        return muLaw;
    }

    private Task<IReadOnlySet<string>> InstalledVoicesAsync(CancellationToken cancellationToken)
    {
        lock (_voicesLock)
        {
            // A failed listing (espeak-ng missing) is asked again next time, so installing it needs no restart.
            if (_voices is null || _voices.IsFaulted || _voices.IsCanceled)
            {
                // The listing is shared by every caller, so it runs on its own clock rather than the first caller's token.
                var timeout = new CancellationTokenSource(_options.ProcessTimeout);
                _voices = _engine.ListVoicesAsync(timeout.Token);
                _voices.ContinueWith(static (_, cts) => ((CancellationTokenSource)cts!).Dispose(), timeout, TaskScheduler.Default);
            }
            return _voices.WaitAsync(cancellationToken);
        }
    }
}
