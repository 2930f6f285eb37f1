using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

public abstract record DeclarationSyntax(TextSpan Span) : SyntaxNode(Span);
