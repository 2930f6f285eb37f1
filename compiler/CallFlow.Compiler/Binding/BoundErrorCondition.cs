using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>A condition that could not be bound; already reported.</summary>
public sealed record BoundErrorCondition(SourceLocation Location) : BoundConditionExpression(Location);
