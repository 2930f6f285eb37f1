using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Tests.Vm;

public sealed class LanguageTests
{
    [Theory]
    [InlineData("fr", "de", "it", true, "en", "fr")]     // a short code's locale beats everything
    [InlineData(null, "de", "it", true, "en", "de")]     // external caller: the incoming call route
    [InlineData(null, "de", "it", false, "en", "it")]    // internal caller: the user
    [InlineData(null, null, null, true, "enu", "enu")]   // otherwise the system locale
    [InlineData("", "", "", false, "nl", "nl")]
    public void The_call_language_follows_Voicemail_Pros_order(string? shortCode, string? route, string? user, bool external, string system, string expected) =>
        Assert.Equal(expected, LanguageSelector.Choose(shortCode, route, user, external, system));

    [Fact]
    public void Prompts_carry_the_fallback_chain_and_select_system_prompt_language_changes_it()
    {
        var call = new ScriptedCall("""
            start shortcode "*1" {
                select_system_prompt_language frc
                menu {
                    prompt system(welcome)
                    key 1 -> disconnect
                    on Timeout, Invalid -> disconnect
                }
            }
            """, "Short Codes.*1");
        Assert.Equal(["frc", "fr", "enu", "en"], call.Expect<PlayEffect>().Languages.ToArray());
        Assert.Equal("frc", call.Call.Variables.Get("$LOC"));
    }
}
