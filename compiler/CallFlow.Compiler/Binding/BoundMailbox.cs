using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>A mailbox: the presumed user's (<see cref="IsCaller"/>), a named one, or one held in a variable.</summary>
public sealed record BoundMailbox(bool IsCaller, string? Name, string? Variable, SourceLocation Location) : BoundValue(Location);
