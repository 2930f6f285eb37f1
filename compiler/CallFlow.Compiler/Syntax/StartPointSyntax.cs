using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>start user "Extn201" leave { ... }</c>: a flow the server runs when a call arrives.</summary>
public sealed record StartPointSyntax(SyntaxToken Keyword, SyntaxToken Owner, StringValueSyntax? Name, SyntaxToken? Kind, FlowBodySyntax Body, TextSpan Span)
    : DeclarationSyntax(Span);
