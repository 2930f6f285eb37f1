using CallFlow.Speech.Tts;

namespace CallFlow.Speech.Tests.Tts;

/// <summary>Ports, queueing, timeouts and the cache, against a fake engine that counts what runs.</summary>
public sealed class TtsPortTests
{
    [Fact]
    public async Task No_more_syntheses_run_at_once_than_there_are_ports()
    {
        var engine = new FakeSpeechEngine { Hold = new TaskCompletionSource() };
        var tts = new EspeakTextToSpeech(new EspeakOptions { MaxConcurrent = 3 }, engine);

        var requests = Enumerable.Range(0, 20).Select(i => tts.SpeakAsync($"Message number {i}.", "en").AsTask()).ToList();
        await WaitUntil(() => engine.Running == 3);
        await Task.Delay(50);
        Assert.Equal(3, engine.Running);
        Assert.Equal(3, tts.Busy);
        engine.Hold.SetResult();
        var results = await Task.WhenAll(requests);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(3, engine.MaxRunning);
        Assert.Equal(20, engine.Calls);
        Assert.Equal(0, tts.Busy);
    }

    [Fact]
    public async Task The_eight_ports_of_Voicemail_Pro_are_the_default()
    {
        var engine = new FakeSpeechEngine { Hold = new TaskCompletionSource() };
        var tts = new EspeakTextToSpeech(new EspeakOptions(), engine);
        var requests = Enumerable.Range(0, 12).Select(i => tts.SpeakAsync($"Text {i}", "en").AsTask()).ToList();
        await WaitUntil(() => engine.Running == 8);
        await Task.Delay(50);
        Assert.Equal(8, engine.Running);
        engine.Hold.SetResult();
        await Task.WhenAll(requests);
        Assert.Equal(8, engine.MaxRunning);
    }

    [Fact]
    public async Task Waiting_requests_get_a_port_in_the_order_they_came()
    {
        var engine = new FakeSpeechEngine { Hold = new TaskCompletionSource() };
        var tts = new EspeakTextToSpeech(new EspeakOptions { MaxConcurrent = 1 }, engine);

        var first = tts.SpeakAsync("first", "en").AsTask();
        var rest = new[] { "second", "third", "fourth", "fifth" }.Select(t => tts.SpeakAsync(t, "en").AsTask()).ToList();
        await WaitUntil(() => engine.Running == 1);
        engine.Hold.SetResult();
        await Task.WhenAll(rest.Prepend(first));

        Assert.Equal(["first", "second", "third", "fourth", "fifth"], engine.Started.Select(s => s.Replace("<speak>", "").Replace("</speak>", "")));
    }

    [Fact]
    public async Task A_request_that_waits_longer_than_the_queue_timeout_fails_as_busy()
    {
        var engine = new FakeSpeechEngine { Hold = new TaskCompletionSource() };
        var tts = new EspeakTextToSpeech(new EspeakOptions { MaxConcurrent = 1, QueueTimeout = TimeSpan.FromMilliseconds(100) }, engine);

        var holding = tts.SpeakAsync("holding the only port", "en").AsTask();
        await WaitUntil(() => engine.Running == 1);
        var late = await tts.SpeakAsync("too late", "en");

        Assert.Equal(TtsFailure.Busy, late.Failure);
        Assert.Contains("all 1 TTS ports stayed busy for 0.1 s", late.Message);
        engine.Hold.SetResult();
        Assert.True((await holding).Succeeded);
        // The timed-out request left the queue: the next one gets the free port at once.
        Assert.True((await tts.SpeakAsync("after", "en")).Succeeded);
        Assert.Equal(2, engine.Calls);
    }

    [Fact]
    public async Task A_synthesis_past_the_process_timeout_is_cancelled_and_fails_as_timed_out()
    {
        var engine = new FakeSpeechEngine { Hold = new TaskCompletionSource() };
        var tts = new EspeakTextToSpeech(new EspeakOptions { ProcessTimeout = TimeSpan.FromMilliseconds(100) }, engine);

        var result = await tts.SpeakAsync("never finishes", "en");

        Assert.Equal(TtsFailure.TimedOut, result.Failure);
        Assert.Equal(0, engine.Running);
        Assert.Equal(0, tts.Busy); // the port was given back
    }

    [Fact]
    public async Task Identical_requests_in_flight_share_one_synthesis()
    {
        var engine = new FakeSpeechEngine { Hold = new TaskCompletionSource() };
        var tts = new EspeakTextToSpeech(new EspeakOptions(), engine);

        var requests = Enumerable.Range(0, 5).Select(_ => tts.SpeakAsync("The same words.", "fr").AsTask()).ToList();
        await WaitUntil(() => engine.Running == 1);
        engine.Hold.SetResult();
        var results = await Task.WhenAll(requests);

        Assert.Equal(1, engine.Calls);
        Assert.All(results, r => Assert.Equal(results[0].Audio.ToArray(), r.Audio.ToArray()));
        Assert.Equal(4, results.Count(r => r.FromCache));
    }

    [Fact]
    public async Task Text_over_the_limit_fails_as_too_long_before_any_process()
    {
        var engine = new FakeSpeechEngine();
        var tts = new EspeakTextToSpeech(new EspeakOptions { MaxTextLength = 100 }, engine);

        var result = await tts.SpeakAsync(new string('a', 101), "en");

        Assert.Equal(TtsFailure.TooLong, result.Failure);
        Assert.Contains("101 characters", result.Message);
        Assert.Equal(0, engine.Calls);
    }

    [Fact]
    public async Task Text_with_nothing_to_say_is_empty_audio_without_a_process()
    {
        var engine = new FakeSpeechEngine();
        var tts = new EspeakTextToSpeech(new EspeakOptions(), engine);
        var result = await tts.SpeakAsync("  <emph> </emph> ", "en");
        Assert.True(result.Succeeded);
        Assert.True(result.Audio.IsEmpty);
        Assert.Equal(0, engine.Calls);
    }

    [Fact]
    public async Task A_language_whose_voice_is_missing_speaks_with_its_fallbacks_and_none_at_all_fails_as_no_voice()
    {
        var engine = new FakeSpeechEngine { Voices = new HashSet<string>(["fr-fr", "en-us"]) };
        var tts = new EspeakTextToSpeech(new EspeakOptions(), engine);

        Assert.Equal("fr-fr", (await tts.SpeakAsync("Bonjour", "frc")).Voice);
        Assert.Equal("en-us", (await tts.SpeakAsync("Hola", "eso")).Voice); // eso > es > enu > en: no Spanish voice
        var none = await tts.SpeakAsync("Hallo", "de");                     // de > en: neither installed
        Assert.Equal(TtsFailure.NoVoice, none.Failure);
        Assert.Contains("de, en", none.Message);
    }

    [Fact]
    public async Task The_cache_holds_at_most_its_bytes_and_drops_the_least_recently_used()
    {
        var engine = new FakeSpeechEngine();
        // Each entry counts about 3,150 bytes (2,514 of audio, its key twice over): room for two.
        var tts = new EspeakTextToSpeech(new EspeakOptions { CacheBytes = 6_500 }, engine);
        var a = new string('a', 300);
        var b = new string('b', 300);
        var c = new string('c', 300);

        await tts.SpeakAsync(a, "en");
        await tts.SpeakAsync(b, "en");
        await tts.SpeakAsync(a, "en"); // a is now the most recent
        await tts.SpeakAsync(c, "en"); // evicts b
        Assert.Equal(3, engine.Calls);
        Assert.True((await tts.SpeakAsync(a, "en")).FromCache);
        Assert.False((await tts.SpeakAsync(b, "en")).FromCache);
        Assert.InRange(tts.CachedBytes, 1, 6_500);
    }

    [Fact]
    public async Task The_22050_Hz_output_is_resampled_to_8000_Hz()
    {
        var engine = new FakeSpeechEngine();
        var tts = new EspeakTextToSpeech(new EspeakOptions(), engine);
        var text = new string('x', 1000); // 22,000 input samples + <speak></speak>
        var result = await tts.SpeakAsync(text, "en");
        var expected = (int)Math.Ceiling((1000 + 15) * 22 * 8000 / 22050.0);
        Assert.Equal(expected, result.Audio.Length);
    }

    [Fact]
    public async Task A_caller_that_hangs_up_stops_waiting_but_others_still_get_the_audio()
    {
        var engine = new FakeSpeechEngine { Hold = new TaskCompletionSource() };
        var tts = new EspeakTextToSpeech(new EspeakOptions(), engine);
        using var hangUp = new CancellationTokenSource();

        var leaving = tts.SpeakAsync("shared", "en", hangUp.Token).AsTask();
        var staying = tts.SpeakAsync("shared", "en").AsTask();
        await WaitUntil(() => engine.Running == 1);
        hangUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        engine.Hold.SetResult();

        Assert.True((await staying).Succeeded);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
            await Task.Delay(10);
        Assert.True(condition(), "timed out waiting");
    }
}
