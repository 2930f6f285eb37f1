using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

public sealed record ListValueSyntax(ImmutableArray<ValueSyntax> Items, TextSpan Span) : ValueSyntax(Span);
