using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>Everything the sources define, bound and checked: the input of lowering.</summary>
public sealed record BoundProgram(
    ImmutableArray<BoundFlow> Flows,
    ImmutableArray<BoundCondition> Conditions,
    ImmutableArray<BoundUserVariable> UserVariables);
