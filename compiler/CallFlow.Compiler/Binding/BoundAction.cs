using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>
/// One action of a flow. <see cref="Results"/> is every result it can take (fixed ones plus menu keys, cases or a
/// module's exits); <see cref="Connections"/> the ones that lead somewhere. Inline terminal targets
/// (<c>-> disconnect</c>) become synthetic actions so every connection points at an action.
/// </summary>
public sealed record BoundAction(
    int Index,
    string? Label,
    ActionDefinition Definition,
    ImmutableArray<BoundSetting> Settings,
    ImmutableArray<string> Results,
    ImmutableArray<BoundConnection> Connections,
    SourceLocation Location,
    bool IsSynthetic)
{
    public string DisplayName => Label ?? $"{Definition.Name}@{Location.Start.Line}";

    public BoundSetting? FindSetting(string name) => Settings.FirstOrDefault(s => s.Definition.Name == name);
}
