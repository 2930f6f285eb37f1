using CallFlow.Audio;
using CallFlow.Speech.Prompts;
using CallFlow.Speech.Tts;
using CallFlow.Vmp;

namespace CallFlow.Speech.Tests.Prompts;

public sealed class PromptLibraryTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly FakeTextToSpeech _tts = new();

    private string Rendered => Path.Combine(_folder.Path, "rendered");

    private string Custom => Path.Combine(_folder.Path, "custom");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_system_prompt_plays_from_the_call_languages_rendered_file()
    {
        var audio = WriteWav(Path.Combine(Rendered, "fr", "welcome.wav"), 4000);
        var library = Library();

        var found = await library.ResolveAsync(VmpPromptKind.System, "welcome", PromptLanguages.FallbackChain("fr"));

        Assert.True(found.Found);
        Assert.Equal("fr", found.Language);
        Assert.Equal(audio, found.MuLaw.ToArray());
        Assert.Empty(_tts.Requests);
    }

    [Fact]
    public async Task French_Canadian_falls_back_to_French_then_US_English_then_English()
    {
        WriteWav(Path.Combine(Rendered, "fr", "welcome.wav"), 100);
        WriteWav(Path.Combine(Rendered, "enu", "goodbye.wav"), 200);
        WriteWav(Path.Combine(Rendered, "en", "thank_you.wav"), 300);
        var library = Library(onDemand: false);
        var chain = PromptLanguages.FallbackChain("frc");

        Assert.Equal("fr", (await library.ResolveAsync(VmpPromptKind.System, "welcome", chain)).Language);
        Assert.Equal("enu", (await library.ResolveAsync(VmpPromptKind.System, "goodbye", chain)).Language);
        Assert.Equal("en", (await library.ResolveAsync(VmpPromptKind.System, "thank_you", chain)).Language);
    }

    [Fact]
    public async Task Without_files_the_catalogue_is_rendered_on_demand_once_so_English_works_out_of_the_box()
    {
        var library = Library();

        var first = await library.ResolveAsync(VmpPromptKind.System, "welcome", PromptLanguages.FallbackChain("en"));
        var again = await library.ResolveAsync(VmpPromptKind.System, "welcome", PromptLanguages.FallbackChain("en"));

        Assert.True(first.Found);
        Assert.Equal([("Welcome.", "en")], _tts.Requests);
        Assert.Equal(first.MuLaw.ToArray(), again.MuLaw.ToArray());
        Assert.StartsWith("catalogue en/welcome", first.Source);
    }

    [Fact]
    public async Task A_catalogued_language_speaks_its_own_text_and_an_uncatalogued_one_falls_back()
    {
        var library = Library();
        var german = await library.ResolveAsync(VmpPromptKind.System, "goodbye", PromptLanguages.FallbackChain("de"));
        var korean = await library.ResolveAsync(VmpPromptKind.System, "goodbye", PromptLanguages.FallbackChain("ko"));
        Assert.Equal("de", german.Language);
        Assert.Equal("en", korean.Language);
        Assert.Equal([("Auf Wiederhören.", "de"), ("Goodbye.", "en")], _tts.Requests);
    }

    [Fact]
    public async Task A_prompt_found_nowhere_gives_the_problem_tone_and_says_where_it_looked()
    {
        var library = Library();

        var missing = await library.ResolveAsync(VmpPromptKind.System, "no_such_prompt", PromptLanguages.FallbackChain("frc"));

        Assert.False(missing.Found);
        Assert.Equal(PromptLibrary.ProblemTone.ToArray(), missing.MuLaw.ToArray());
        Assert.Contains("'no_such_prompt'", missing.Problem);
        Assert.Contains("frc, fr, enu, en", missing.Problem);
        Assert.Equal(TimeSpan.FromMilliseconds(300), missing.Duration);
    }

    [Fact]
    public async Task When_TTS_fails_the_next_language_or_the_problem_tone_plays_and_nothing_throws()
    {
        _tts.Failure = TtsFailure.NotInstalled;
        var library = Library();
        var result = await library.ResolveAsync(VmpPromptKind.System, "welcome", PromptLanguages.FallbackChain("de"));
        Assert.False(result.Found);
        var speech = await library.ResolveAsync(VmpPromptKind.Speech, "Hello", ["en"]);
        Assert.False(speech.Found);
        Assert.Contains("NotInstalled", speech.Problem);
        // Failures are not remembered: once TTS works, the prompt plays.
        _tts.Failure = null;
        Assert.True((await library.ResolveAsync(VmpPromptKind.System, "welcome", PromptLanguages.FallbackChain("de"))).Found);
    }

    [Fact]
    public async Task Numbers_are_composed_from_the_languages_pieces()
    {
        var library = Library();

        var french = await library.ResolveAsync(VmpPromptKind.System, "say_number:71", PromptLanguages.FallbackChain("fr"));

        Assert.Equal("fr", french.Language);
        Assert.Equal("composed: num_71", french.Source);
        Assert.Equal([("soixante et onze", "fr")], _tts.Requests);
    }

    [Fact]
    public async Task French_Canadian_values_use_French_pieces_and_never_English_ones()
    {
        // frc has no catalogue, so its pieces come from fr (same grammar); a piece fr lacks sends the whole value to
        // the next language with a complete set instead of mixing "vingt" and "one".
        WriteWav(Path.Combine(Rendered, "fr", "num_21.wav"), 100);
        var library = Library(onDemand: false);
        var chain = PromptLanguages.FallbackChain("frc");

        var composed = await library.ResolveAsync(VmpPromptKind.System, "say_number:21", chain);
        Assert.Equal("frc", composed.Language);
        Assert.Equal(100, composed.MuLaw.Length);

        WriteWav(Path.Combine(Rendered, "enu", "num_2.wav"), 50);
        WriteWav(Path.Combine(Rendered, "enu", "num_hundred.wav"), 60);
        var hundred = await library.ResolveAsync(VmpPromptKind.System, "say_number:200", chain);
        Assert.Equal("enu", hundred.Language);
        Assert.Equal(110, hundred.MuLaw.Length);
    }

    [Fact]
    public async Task Languages_without_pieces_read_values_through_TTS_in_their_own_voice()
    {
        var library = Library();
        var time = await library.ResolveAsync(VmpPromptKind.System, "say_time:14:05", PromptLanguages.FallbackChain("de"));
        var digits = await library.ResolveAsync(VmpPromptKind.Digits, "201", PromptLanguages.FallbackChain("es"));
        Assert.Equal("de", time.Language);
        Assert.Equal("es", digits.Language);
        Assert.Equal([("14 Uhr 5", "de"), ("2 0 1", "es")], _tts.Requests);
    }

    [Fact]
    public async Task A_language_with_neither_reads_values_in_the_next_language_of_its_chain()
    {
        var library = Library();
        var korean = await library.ResolveAsync(VmpPromptKind.System, "say_number:3", PromptLanguages.FallbackChain("ko"));
        Assert.Equal("en", korean.Language);
        Assert.Equal([("three", "en")], _tts.Requests);
    }

    [Fact]
    public async Task A_malformed_value_is_a_problem_not_a_crash()
    {
        var bad = await Library().ResolveAsync(VmpPromptKind.System, "say_time:25:99", ["en"]);
        Assert.False(bad.Found);
        Assert.Contains("'say_time:25:99' is not a value", bad.Problem);
        var nothing = await Library().ResolveAsync(VmpPromptKind.Digits, "", ["en"]);
        Assert.True(nothing.Found);
        Assert.True(nothing.MuLaw.IsEmpty);
    }

    [Fact]
    public async Task Recorded_files_are_looked_up_per_language_first_then_in_the_folder()
    {
        var french = WriteWav(Path.Combine(Custom, "fr", "greetings", "hello.wav"), 800);
        var plain = WriteWav(Path.Combine(Custom, "greetings", "hello.wav"), 1600);
        var library = Library();

        var inFrench = await library.ResolveAsync(VmpPromptKind.File, "greetings/hello.wav", PromptLanguages.FallbackChain("frc"));
        var inGerman = await library.ResolveAsync(VmpPromptKind.File, "greetings/hello.wav", PromptLanguages.FallbackChain("de"));

        Assert.Equal(french, inFrench.MuLaw.ToArray());
        Assert.Equal("fr", inFrench.Language);
        Assert.Equal(plain, inGerman.MuLaw.ToArray());
        Assert.Null(inGerman.Language);
    }

    [Theory]
    [InlineData("../secret.wav")]
    [InlineData("greetings/../../secret.wav")]
    [InlineData("/etc/secret.wav")]
    [InlineData("greetings/hello.mp3")]
    [InlineData("")]
    public async Task Paths_that_leave_the_prompt_folder_are_refused(string path)
    {
        WriteWav(Path.Combine(_folder.Path, "secret.wav"), 10);
        var refused = await Library().ResolveAsync(VmpPromptKind.File, path, ["en"]);
        Assert.False(refused.Found);
        Assert.Contains("refused", refused.Problem);
    }

    [Fact]
    public async Task A_missing_or_damaged_file_is_a_problem_with_its_name()
    {
        Directory.CreateDirectory(Custom);
        File.WriteAllText(Path.Combine(Custom, "broken.wav"), "not a wav");
        var library = Library();
        Assert.Contains("'nope.wav' was not found", (await library.ResolveAsync(VmpPromptKind.File, "nope.wav", ["en"])).Problem);
        Assert.Contains("cannot be played", (await library.ResolveAsync(VmpPromptKind.File, "broken.wav", ["en"])).Problem);
    }

    [Fact]
    public async Task Speech_prompts_go_to_TTS_in_the_call_language()
    {
        var spoken = await Library().ResolveAsync(VmpPromptKind.Speech, "Bonjour Alice", PromptLanguages.FallbackChain("frc"));
        Assert.True(spoken.Found);
        Assert.Equal([("Bonjour Alice", "frc")], _tts.Requests);
        Assert.Equal(13 * 80, spoken.MuLaw.Length); // speech is not trimmed
    }

    [Fact]
    public async Task A_whole_play_resolves_in_order()
    {
        var all = await Library().ResolveAllAsync(
            [(VmpPromptKind.System, "you_have"), (VmpPromptKind.Digits, "3"), (VmpPromptKind.System, "new_messages")], PromptLanguages.FallbackChain("en"));
        Assert.All(all, a => Assert.True(a.Found));
        Assert.Equal(["You have", "three", "new messages,"], _tts.Requests.Select(r => r.Text));
    }

    [Fact]
    public async Task Generated_sounds_need_no_TTS()
    {
        var tone = await Library().ResolveAsync(VmpPromptKind.System, "record_tone", PromptLanguages.FallbackChain("de"));
        Assert.Equal("en", tone.Language);
        Assert.Equal(3200, tone.MuLaw.Length);
        Assert.Empty(_tts.Requests);
        Assert.False((await Library().ResolveAsync(VmpPromptKind.Recording, "$", ["en"])).Found);
    }

    private PromptLibrary Library(bool onDemand = true) =>
        new(new PromptLibraryOptions { SystemPromptDirectory = Rendered, CustomPromptDirectory = Custom, RenderOnDemand = onDemand }, _tts);

    /// <summary>Writes an 8 kHz µ-law WAV of loud samples and returns them.</summary>
    private static byte[] WriteWav(string path, int bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var audio = FakeTextToSpeech.Audio(bytes);
        WavWriter.WriteFile(path, AudioFormat.Telephony(AudioEncoding.MuLaw), audio);
        return audio;
    }
}
