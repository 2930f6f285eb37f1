using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>A quoted string; <see cref="Value"/> has the escapes decoded. <see cref="ContentStart"/> is the offset of
/// the first character after the opening quote, for diagnostics inside the string.</summary>
public sealed record StringValueSyntax(string Value, string RawText, TextSpan Span) : ValueSyntax(Span)
{
    public int ContentStart => Span.Start + 1;
}
