using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>A result and the action it leads to (an index into the flow's actions); <see cref="IsImplicit"/> for the Next chain.</summary>
public sealed record BoundConnection(string Result, int Target, SourceLocation Location, bool IsImplicit);
