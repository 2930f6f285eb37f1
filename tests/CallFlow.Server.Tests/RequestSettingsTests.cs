using CallFlow.Runtime.Vm;
using CallFlow.Server.Sip;
using CallFlow.Vmp;

namespace CallFlow.Server.Tests;

/// <summary>Prompt lists as the machine renders them into a request's settings ("Kind:text" joined by ", "), read back
/// by the telephony actions (page_prompt, after_prompt).</summary>
public sealed class RequestSettingsTests
{
    [Fact]
    public void Items_are_split_only_where_a_prompt_kind_follows()
    {
        var prompts = SipFrontEnd.Prompts("System:page_announcement, Speech:Hello, caller number 5, Digits:$CLI");
        Assert.Equal(
            [new PlayPrompt(VmpPromptKind.System, "page_announcement"), new PlayPrompt(VmpPromptKind.Speech, "Hello, caller number 5"), new PlayPrompt(VmpPromptKind.Digits, "$CLI")],
            prompts.ToArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Nonsense without a kind")]
    public void Nothing_usable_is_no_prompt(string? rendered) => Assert.Empty(SipFrontEnd.Prompts(rendered));
}
