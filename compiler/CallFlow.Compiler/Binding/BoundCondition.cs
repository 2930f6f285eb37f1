using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

public sealed record BoundCondition(string Name, BoundConditionExpression Expression, SourceLocation Location);
