using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>One comma-separated item of a condition element: <c>Mon-Fri 09:00-17:30</c> is two parts.</summary>
public sealed record PeriodItemSyntax(ImmutableArray<RangePartSyntax> Parts, TextSpan Span) : SyntaxNode(Span);
