using System.Collections.Immutable;

namespace CallFlow.Compiler.Symbols;

/// <summary>
/// One setting an action accepts, with its range. Ranges for durations are in milliseconds. Where the Voicemail
/// Pro manual gives no range, the one chosen here is documented in docs/language.md.
/// </summary>
public sealed record SettingDefinition(
    string Name,
    ValueKind Kind,
    string Description,
    string Example,
    bool Required = false,
    bool Repeatable = false,
    long Min = long.MinValue,
    long Max = long.MaxValue,
    int MaxLength = 512,
    ImmutableArray<string> EnumValues = default)
{
    public ImmutableArray<string> Values => EnumValues.IsDefault ? [] : EnumValues;
}
