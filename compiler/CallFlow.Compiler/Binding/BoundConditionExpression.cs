using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

public abstract record BoundConditionExpression(SourceLocation Location);
