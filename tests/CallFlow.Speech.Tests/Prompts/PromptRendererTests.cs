using CallFlow.Audio;
using CallFlow.Speech.Prompts;

namespace CallFlow.Speech.Tests.Prompts;

public sealed class PromptRendererTests
{
    [Fact]
    public async Task Every_entry_becomes_an_8_kHz_mu_law_WAV_and_a_second_run_renders_nothing()
    {
        using var folder = new TemporaryFolder();
        var tts = new FakeTextToSpeech();
        var renderer = new PromptRenderer(tts, PromptCatalogue.BuiltIn, "fake 1.0");

        var first = await renderer.RenderAsync(folder.Path, ["en", "fr"], force: false, parallelism: 4, TextWriter.Null, CancellationToken.None);
        var requests = tts.Requests.Count;
        var second = await renderer.RenderAsync(folder.Path, ["en", "fr"], force: false, parallelism: 4, TextWriter.Null, CancellationToken.None);

        var entries = PromptCatalogue.BuiltIn.Entries("en").Count + PromptCatalogue.BuiltIn.Entries("fr").Count;
        Assert.Equal(entries, first.Rendered);
        Assert.Empty(first.Failures);
        Assert.Equal(0, second.Rendered);
        Assert.Equal(entries, second.UpToDate);
        Assert.Equal(requests, tts.Requests.Count);
        var welcome = File.ReadAllBytes(Path.Combine(folder.Path, "fr", "welcome.wav"));
        var info = WavReader.Read(welcome);
        Assert.Equal(AudioFormat.Telephony(AudioEncoding.MuLaw), info.Format);
        Assert.Equal(Path.Combine(folder.Path, "en", "record_tone.wav"), Directory.GetFiles(Path.Combine(folder.Path, "en"), "record_tone.wav").Single());
    }

    [Fact]
    public async Task Output_is_the_same_bytes_every_time_and_a_changed_text_or_engine_renders_again()
    {
        using var folder = new TemporaryFolder();
        using var other = new TemporaryFolder();
        var catalogue = Catalogue(folder, """{"language":"en","prompts":{"welcome":"Welcome.","goodbye":"Goodbye."}}""");
        var output = Path.Combine(folder.Path, "out");
        await new PromptRenderer(new FakeTextToSpeech(), catalogue, "v1").RenderAsync(output, [], false, 2, TextWriter.Null, CancellationToken.None);
        await new PromptRenderer(new FakeTextToSpeech(), catalogue, "v1").RenderAsync(other.Path, [], true, 1, TextWriter.Null, CancellationToken.None);
        Assert.Equal(File.ReadAllBytes(Path.Combine(output, "en", "welcome.wav")), File.ReadAllBytes(Path.Combine(other.Path, "en", "welcome.wav")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(output, "en", "manifest.json")), File.ReadAllBytes(Path.Combine(other.Path, "en", "manifest.json")));

        var changed = Catalogue(folder, """{"language":"en","prompts":{"welcome":"Welcome to Acme.","goodbye":"Goodbye."}}""");
        var summary = await new PromptRenderer(new FakeTextToSpeech(), changed, "v1").RenderAsync(output, [], false, 2, TextWriter.Null, CancellationToken.None);
        Assert.Equal((1, 1), (summary.Rendered, summary.UpToDate));
        var engine = await new PromptRenderer(new FakeTextToSpeech(), changed, "v2").RenderAsync(output, [], false, 2, TextWriter.Null, CancellationToken.None);
        Assert.Equal(2, engine.Rendered);
    }

    [Fact]
    public async Task A_name_that_leaves_the_catalogue_loses_its_file_but_a_sites_own_files_stay()
    {
        using var folder = new TemporaryFolder();
        var output = Path.Combine(folder.Path, "out");
        var two = Catalogue(folder, """{"language":"en","prompts":{"welcome":"Welcome.","goodbye":"Goodbye."}}""");
        await new PromptRenderer(new FakeTextToSpeech(), two, "v1").RenderAsync(output, [], false, 2, TextWriter.Null, CancellationToken.None);
        File.WriteAllBytes(Path.Combine(output, "en", "site_jingle.wav"), [1, 2, 3]);

        var one = Catalogue(folder, """{"language":"en","prompts":{"welcome":"Welcome."}}""");
        var summary = await new PromptRenderer(new FakeTextToSpeech(), one, "v1").RenderAsync(output, [], false, 2, TextWriter.Null, CancellationToken.None);

        Assert.Equal(1, summary.Removed);
        Assert.False(File.Exists(Path.Combine(output, "en", "goodbye.wav")));
        Assert.True(File.Exists(Path.Combine(output, "en", "site_jingle.wav")));
    }

    [Fact]
    public async Task Failures_are_listed_and_retried_next_time()
    {
        using var folder = new TemporaryFolder();
        var tts = new FakeTextToSpeech { Failure = CallFlow.Speech.Tts.TtsFailure.NotInstalled };
        var catalogue = Catalogue(folder, """{"language":"en","prompts":{"welcome":"Welcome.","tone":"@tone:1000:100"}}""");
        var output = Path.Combine(folder.Path, "out");

        var failed = await new PromptRenderer(tts, catalogue, "v1").RenderAsync(output, [], false, 1, TextWriter.Null, CancellationToken.None);
        tts.Failure = null;
        var retried = await new PromptRenderer(tts, catalogue, "v1").RenderAsync(output, [], false, 1, TextWriter.Null, CancellationToken.None);

        Assert.Equal("en/welcome: NotInstalled: the fake engine was told to fail", Assert.Single(failed.Failures));
        Assert.Equal(1, failed.Rendered); // the tone needs no TTS
        Assert.Equal((1, 1), (retried.Rendered, retried.UpToDate));
    }

    private static PromptCatalogue Catalogue(TemporaryFolder folder, string json)
    {
        var directory = Path.Combine(folder.Path, "catalogue");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "en.json"), json);
        return PromptCatalogue.Load(directory);
    }
}
