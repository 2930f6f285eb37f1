using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

public sealed record BoundBinaryCondition(BoundConditionExpression Left, bool IsAnd, BoundConditionExpression Right, SourceLocation Location)
    : BoundConditionExpression(Location);
