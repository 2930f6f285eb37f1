using System.Collections.Immutable;

namespace CallFlow.Compiler.Symbols;

/// <summary>
/// An action kind: its .vflow name, the Voicemail Pro name, group, settings (common tabs plus its Specific tab) and
/// fixed results. <see cref="Positional"/> names the settings that may be written as arguments after the kind:
/// <c>speak_text "Hello"</c> is <c>speak_text { text "Hello" }</c>.
/// </summary>
public sealed record ActionDefinition(
    string Name,
    string VoicemailProName,
    ActionGroup Group,
    string Summary,
    ImmutableArray<SettingDefinition> Settings,
    ImmutableArray<string> Results,
    ImmutableArray<string> Positional,
    ActionTraits Traits)
{
    public bool Has(ActionTraits trait) => (Traits & trait) == trait;

    public SettingDefinition? FindSetting(string name)
    {
        foreach (var setting in Settings)
        {
            if (setting.Name == name)
                return setting;
        }
        return null;
    }
}
