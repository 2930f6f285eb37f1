using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>500ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>.</summary>
public sealed record DurationValueSyntax(string Text, long Milliseconds, TextSpan Span) : ValueSyntax(Span);
