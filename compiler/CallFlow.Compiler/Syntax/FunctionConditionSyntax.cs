using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>weekly(Mon-Fri 09:00-17:30)</c>, <c>calendar(2026-12-25, 2026-12-24 - 2026-12-31)</c>.</summary>
public sealed record FunctionConditionSyntax(SyntaxToken Function, ImmutableArray<PeriodItemSyntax> Items, TextSpan Span)
    : ConditionExpressionSyntax(Span);
