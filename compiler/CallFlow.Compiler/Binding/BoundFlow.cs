using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>A start point or module: its actions, the first of which is the entry.</summary>
public sealed record BoundFlow(
    FlowKind Kind,
    string Name,
    string DisplayName,
    bool IsQueueFlow,
    bool IsDirect,
    ImmutableArray<BoundAction> Actions,
    ImmutableArray<string> Exits,
    SourceLocation Location);
