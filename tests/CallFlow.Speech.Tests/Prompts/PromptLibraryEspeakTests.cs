using CallFlow.Speech.Prompts;
using CallFlow.Speech.Tests.Tts;
using CallFlow.Speech.Tts;
using CallFlow.Vmp;

namespace CallFlow.Speech.Tests.Prompts;

/// <summary>The library with the real espeak-ng and no rendered files: what a fresh install plays.</summary>
public sealed class PromptLibraryEspeakTests
{
    [Fact]
    public async Task English_system_prompts_and_read_outs_work_out_of_the_box()
    {
        if (!Espeak.Available())
            return;
        var library = new PromptLibrary(new PromptLibraryOptions(), new EspeakTextToSpeech());
        var chain = PromptLanguages.FallbackChain("en");

        var welcome = await library.ResolveAsync(VmpPromptKind.System, "leave_message", chain);
        var number = await library.ResolveAsync(VmpPromptKind.System, "say_number:21", chain);
        var bigger = await library.ResolveAsync(VmpPromptKind.System, "say_number:1234", chain);
        var time = await library.ResolveAsync(VmpPromptKind.System, "say_time:14:05", chain);

        Assert.All([welcome, number, bigger, time], p => Assert.True(p.Found, p.Problem));
        Assert.InRange(welcome.Duration.TotalSeconds, 1.0, 4.0);
        Assert.True(bigger.Duration > number.Duration);
        Assert.Equal("composed: num_2 time_oh num_5 time_pm", time.Source);
    }

    [Fact]
    public async Task French_reads_from_French_pieces_and_German_through_its_own_voice()
    {
        if (!Espeak.Available())
            return;
        var tts = new EspeakTextToSpeech();
        var library = new PromptLibrary(new PromptLibraryOptions(), tts);

        var french = await library.ResolveAsync(VmpPromptKind.System, "say_number:71", PromptLanguages.FallbackChain("frc"));
        var german = await library.ResolveAsync(VmpPromptKind.System, "say_number:42", PromptLanguages.FallbackChain("de"));

        Assert.Equal("frc", french.Language);
        Assert.Equal("de", german.Language);
        Assert.Equal("tts de: 42", german.Source);
        Assert.True(german.Duration > TimeSpan.FromSeconds(0.5)); // "zweiundvierzig"
    }
}
