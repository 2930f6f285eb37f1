using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

public sealed record BoundLiteralCondition(bool Value, SourceLocation Location) : BoundConditionExpression(Location);
