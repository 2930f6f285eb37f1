using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>Compare: numeric when both sides are numbers at run time, otherwise ordinal text.</summary>
public sealed record BoundCompareCondition(BoundValue Left, string Operator, BoundValue Right, SourceLocation Location) : BoundConditionExpression(Location);
