using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>uservar NightService = "0"</c>: a system-wide variable shared by every call.</summary>
public sealed record UserVariableSyntax(SyntaxToken Name, ValueSyntax? InitialValue, TextSpan Span) : DeclarationSyntax(Span);
