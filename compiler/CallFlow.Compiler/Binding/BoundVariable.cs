using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>A call variable (or user variable via $REG[name]) used as a whole value.</summary>
public sealed record BoundVariable(string Name, SourceLocation Location) : BoundValue(Location);
