using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>Text, possibly with call variables: <c>"Hello $CLI"</c>.</summary>
public sealed record BoundText(string Value, ImmutableArray<string> Variables, SourceLocation Location) : BoundValue(Location);
