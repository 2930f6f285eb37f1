using CallFlow.Audio;
using CallFlow.Speech.Tts;
using CallFlow.Vmp;

namespace CallFlow.Speech.Tests.Tts;

/// <summary>Against the real espeak-ng.</summary>
public sealed class EspeakTextToSpeechTests
{
    [Fact]
    public async Task Speech_comes_back_as_8_kHz_mono_mu_law_that_reads_back_as_a_WAV()
    {
        if (!Espeak.Available())
            return;
        var tts = new EspeakTextToSpeech();

        var result = await tts.SpeakAsync("Please leave a message after the tone.", "en");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("en-gb", result.Voice);
        var file = WavWriter.ToBytes(AudioFormat.Telephony(AudioEncoding.MuLaw), result.Audio.Span);
        var info = WavReader.Read(file);
        Assert.Equal(AudioFormat.Telephony(AudioEncoding.MuLaw), info.Format);
        Assert.False(info.Truncated);
        Assert.InRange(info.Duration.TotalSeconds, 1.2, 5);
        Assert.Equal(result.Duration, info.Duration);
    }

    [Fact]
    public async Task Longer_text_gives_longer_audio()
    {
        if (!Espeak.Available())
            return;
        var tts = new EspeakTextToSpeech();
        string[] texts =
        [
            "Hello.",
            "Hello, you have reached Acme.",
            "Hello, you have reached Acme Trading. Our office is now closed.",
            "Hello, you have reached Acme Trading. Our office is now closed. Please call again between nine and five, Monday to Friday.",
        ];

        var durations = new List<TimeSpan>();
        foreach (var text in texts)
            durations.Add((await tts.SpeakAsync(text, "en")).Duration);

        for (var i = 1; i < durations.Count; i++)
            Assert.True(durations[i] > durations[i - 1], $"'{texts[i]}' lasts {durations[i]}, no longer than the shorter text's {durations[i - 1]}");
    }

    [Fact]
    public async Task A_cache_hit_returns_the_same_bytes_without_starting_a_process()
    {
        if (!Espeak.Available())
            return;
        var options = new EspeakOptions();
        var engine = new EspeakProcessEngine(options);
        var tts = new EspeakTextToSpeech(options, engine);

        var first = await tts.SpeakAsync("Your call is important to us.", "enu");
        var processes = engine.ProcessesStarted;
        var second = await tts.SpeakAsync("Your call is important to us.", "enu");

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.Audio.ToArray(), second.Audio.ToArray());
        Assert.Equal(processes, engine.ProcessesStarted);
        Assert.Equal(1, tts.Statistics.CacheHits);
        Assert.Equal(1, tts.Statistics.Syntheses);
    }

    [Fact]
    public async Task The_same_text_renders_the_same_bytes_every_time()
    {
        if (!Espeak.Available())
            return;
        var first = await new EspeakTextToSpeech().SpeakAsync("Vous avez trois nouveaux messages.", "fr");
        var second = await new EspeakTextToSpeech().SpeakAsync("Vous avez trois nouveaux messages.", "fr");
        Assert.Equal(first.Audio.ToArray(), second.Audio.ToArray());
    }

    [Fact]
    public async Task Every_prompt_language_is_spoken_by_its_voice_or_by_its_fallback()
    {
        if (!Espeak.Available())
            return;
        var tts = new EspeakTextToSpeech();
        foreach (var language in PromptLanguages.All.Keys)
        {
            var voice = await tts.VoiceForAsync(language);
            var expected = EspeakVoices.Preferred(language) ?? EspeakVoices.Preferred(PromptLanguages.FallbackChain(language)[1]);
            Assert.Equal(expected, voice);
        }
        var spoken = await tts.SpeakAsync("201", "tty");
        Assert.True(spoken.Succeeded);
        Assert.Equal("en-gb", spoken.Voice);
    }

    [Fact]
    public async Task Without_espeak_ng_the_result_says_it_is_not_installed_and_how_to_install_it()
    {
        var tts = new EspeakTextToSpeech(new EspeakOptions { ExecutablePath = "/nonexistent/bin/espeak-ng" });

        var result = await tts.SpeakAsync("Hello.", "en");

        Assert.False(result.Succeeded);
        Assert.Equal(TtsFailure.NotInstalled, result.Failure);
        Assert.Contains("/nonexistent/bin/espeak-ng", result.Message);
        Assert.Contains("apt-get install espeak-ng", result.Message);
        Assert.True(result.Audio.IsEmpty);
        Assert.Equal(1, tts.Statistics.Failures);
    }

    [Fact]
    public async Task A_hung_engine_is_killed_at_the_timeout_and_the_request_fails_as_timed_out()
    {
        if (OperatingSystem.IsWindows())
            return;
        // Beside the tests rather than in /tmp, which may be mounted noexec.
        using var folder = new TemporaryFolder(AppContext.BaseDirectory);
        var pidFile = Path.Combine(folder.Path, "pid");
        var script = Path.Combine(folder.Path, "espeak-ng");
        // Lists one voice like espeak-ng, but hangs when asked to speak, after noting the pid of its sleep.
        File.WriteAllText(script, $"""
            #!/bin/sh
            if [ "$1" = "--voices" ]; then echo 'Pty Language Age/Gender VoiceName File Other Languages'; echo ' 2  en-gb --/M English_(Great_Britain) gmw/en (en 2)'; exit 0; fi
            sleep 60 &
            echo $! > '{pidFile}'
            wait
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var tts = new EspeakTextToSpeech(new EspeakOptions { ExecutablePath = script, ProcessTimeout = TimeSpan.FromMilliseconds(500) });

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await tts.SpeakAsync("Hello.", "en");

        Assert.Equal(TtsFailure.TimedOut, result.Failure);
        Assert.Contains("did not finish within 0.5 s", result.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        var sleep = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        // The whole process tree went: the script's child, sleep, is gone (or at most a zombie awaiting its reaper).
        for (var i = 0; i < 50 && IsRunning(sleep); i++)
            await Task.Delay(100);
        Assert.False(IsRunning(sleep), $"sleep ({sleep}) survived the kill");
    }

    [Fact]
    public async Task An_unknown_voice_fails_as_an_engine_failure_with_espeaks_reason()
    {
        if (!Espeak.Available())
            return;
        var engine = new EspeakProcessEngine(new EspeakOptions());
        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => engine.SynthesizeAsync("xx-nonexistent", "<speak>Hello</speak>", CancellationToken.None));
        Assert.Equal(TtsFailure.EngineFailed, error.Failure);
        Assert.Contains("xx-nonexistent", error.Message);
    }

    [Fact]
    public async Task Markup_from_a_variable_is_spoken_as_text_and_never_runs_anything()
    {
        if (!Espeak.Available())
            return;
        using var folder = new TemporaryFolder();
        var marker = Path.Combine(folder.Path, "ran");
        var tts = new EspeakTextToSpeech();

        // espeak-ng's own <audio src> hands its src to a shell; escaped, it is just text.
        var result = await tts.SpeakAsync($"Name: <audio src=\"x.wav'; touch '{marker}'; echo '\"/> end", "en");

        Assert.True(result.Succeeded, result.Message);
        Assert.False(File.Exists(marker));
    }

    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
            return false;
        try
        {
            var state = File.ReadAllText(stat).Split(") ")[1][0];
            return state != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
