using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>A name or keyword as written, with where it was written.</summary>
public sealed record SyntaxToken(string Text, TextSpan Span)
{
    public override string ToString() => Text;
}
