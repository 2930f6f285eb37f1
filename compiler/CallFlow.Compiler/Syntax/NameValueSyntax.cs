using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>A bare name: a label, module, condition, enum value (<c>caller</c>, <c>high</c>) or weekday.</summary>
public sealed record NameValueSyntax(string Name, TextSpan Span) : ValueSyntax(Span);
