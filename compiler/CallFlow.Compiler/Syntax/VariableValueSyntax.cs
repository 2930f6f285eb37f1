using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>$CLI</c>, <c>$CP[3]</c>, <c>$REG[NightService]</c>, or a lone <c>$</c>.</summary>
public sealed record VariableValueSyntax(string Text, TextSpan Span) : ValueSyntax(Span);
