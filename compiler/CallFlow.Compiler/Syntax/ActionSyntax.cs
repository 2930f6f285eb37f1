using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>
/// <c>[Label:] kind [arguments] [{ settings, connections, branches }] [-> target]</c>, for example
/// <c>Greeting: speak_text "Welcome to Acme" -> MainMenu</c>.
/// </summary>
public sealed record ActionSyntax(
    SyntaxToken? Label,
    SyntaxToken Kind,
    ImmutableArray<ValueSyntax> Arguments,
    ImmutableArray<BodyItemSyntax> Body,
    TargetSyntax? NextTarget,
    TextSpan Span) : SyntaxNode(Span);
