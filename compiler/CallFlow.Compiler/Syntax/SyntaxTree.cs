using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Syntax.Generated;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>Parses one .vflow source into a <see cref="CompilationUnitSyntax"/>, reporting every syntax error.</summary>
public static class SyntaxTree
{
    /// <summary>Brackets and 'not' chains deeper than this are refused before parsing: recursion must stay bounded.</summary>
    public const int MaxNesting = 64;

    /// <summary>'and'/'or' operators in one condition; beyond this the condition is refused (recursion is bounded).</summary>
    public const int MaxConditionOperators = 512;

    public static CompilationUnitSyntax Parse(SourceText source, DiagnosticBag diagnostics)
    {
        var tokens = Lex(source, diagnostics);
        var empty = new CompilationUnitSyntax(source, [], new TextSpan(0, source.Text.Length));
        if (!CheckDepth(source, tokens, diagnostics))
            return empty;

        // Two-stage parsing: the fast SLL mode is exact for valid input; only when it fails do we
        // re-parse with full LL and error recovery, which gives the best error messages.
        if (ParseFast(source, tokens) is { } fast)
        {
            diagnostics.AddRange(fast.Diagnostics);
            return fast.Unit;
        }

        var parser = new CallFlowParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.RemoveErrorListeners();
        parser.AddErrorListener(new SyntaxErrorListener(source, diagnostics));
        parser.Interpreter.PredictionMode = PredictionMode.LL;
        parser.ErrorHandler = new StatementErrorStrategy(source, diagnostics);
        return new SyntaxTreeBuilder(source, diagnostics).Build(parser.compilationUnit());
    }

    /// <summary>
    /// SLL parsing one top-level statement at a time, each turned into our syntax tree at once. ANTLR's parse tree
    /// of a statement is garbage as soon as it is built, instead of living (and being copied by every collection)
    /// until the whole file is parsed: on big files the garbage collector was half the time of a check.
    /// Returns null at the first syntax error; the caller then parses the whole file again with recovery.
    /// </summary>
    private static (CompilationUnitSyntax Unit, IEnumerable<Diagnostic> Diagnostics)? ParseFast(SourceText source, List<IToken> tokens)
    {
        var stream = new CommonTokenStream(new ListTokenSource(tokens));
        var parser = new CallFlowParser(stream) { ErrorHandler = new BailErrorStrategy() };
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        // The builder reports a few things itself (bad escapes); keep them apart until the fast path succeeds.
        var diagnostics = new DiagnosticBag();
        var builder = new SyntaxTreeBuilder(source, diagnostics);
        var declarations = ImmutableArray.CreateBuilder<DeclarationSyntax>();
        try
        {
            while (true)
            {
                while (stream.LA(1) is CallFlowLexer.NEWLINE or CallFlowLexer.SEMI)
                    stream.Consume();
                if (stream.LA(1) == TokenConstants.EOF)
                    break;
                if (builder.BuildStatement(parser.topStatement()) is { } declaration)
                    declarations.Add(declaration);
            }
        }
        catch (ParseCanceledException)
        {
            return null;
        }
        return (new CompilationUnitSyntax(source, declarations.ToImmutable(), new TextSpan(0, source.Text.Length)), diagnostics.ToImmutableSorted());
    }

    /// <summary>
    /// Lexes the whole file and removes the error tokens after reporting them, so that one stray character or
    /// unterminated string gives one diagnostic instead of a cascade of parse errors.
    /// </summary>
    private static List<IToken> Lex(SourceText source, DiagnosticBag diagnostics)
    {
        var lexer = new CallFlowLexer(new AntlrInputStream(source.Text));
        lexer.RemoveErrorListeners();
        var result = new List<IToken>();
        var reportedChars = -1;
        var brackets = 0;
        for (var token = lexer.NextToken(); ; token = lexer.NextToken())
        {
            switch (token.Type)
            {
                case CallFlowLexer.LPAREN or CallFlowLexer.LBRACK:
                    brackets++;
                    break;
                case CallFlowLexer.RPAREN or CallFlowLexer.RBRACK:
                    brackets = Math.Max(0, brackets - 1);
                    break;
                case CallFlowLexer.LBRACE or CallFlowLexer.RBRACE or CallFlowLexer.START or CallFlowLexer.MODULE
                    or CallFlowLexer.CONDITION or CallFlowLexer.USERVAR or CallFlowLexer.DIRECT:
                    brackets = 0; // these never sit inside brackets; do not let one unclosed '(' eat every line break
                    break;
                // A statement continues on the next line inside ( ) and [ ], and after an operator or comma:
                // long calendars and conditions can be spread over several lines.
                case CallFlowLexer.NEWLINE when brackets > 0 || (result.Count > 0 && ContinuesLine(result[^1].Type)):
                    continue;
                case CallFlowLexer.ERROR_CHAR:
                    // One report per line for runs of stray characters (binary input would otherwise flood the output).
                    if (token.Line != reportedChars)
                    {
                        diagnostics.Report(DiagnosticDescriptors.UnexpectedCharacter, source,
                            new TextSpan(token.StartIndex, token.StopIndex - token.StartIndex + 1), Printable(token.Text));
                        reportedChars = token.Line;
                    }
                    continue;
                case CallFlowLexer.UNTERMINATED_COMMENT:
                    diagnostics.Report(DiagnosticDescriptors.UnterminatedComment, source, new TextSpan(token.StartIndex, 2));
                    continue;
                case CallFlowLexer.UNTERMINATED_STRING:
                    diagnostics.Report(DiagnosticDescriptors.UnterminatedString, source,
                        TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1));
                    var repaired = new CommonToken(token) { Type = CallFlowLexer.STRING };
                    result.Add(repaired);
                    continue;
            }
            if (token.Type is CallFlowLexer.RBRACE or TokenConstants.EOF)
                AddImpliedSeparator(result, token);
            if (token is CommonToken common)
                common.TokenIndex = result.Count;
            result.Add(token);
            if (token.Type == TokenConstants.EOF)
                return result;
        }
    }

    /// <summary>
    /// The last statement of a block, or of the file, needs no separator of its own: an invisible, zero-length ';'
    /// is put before '}' and the end of the file unless a separator or '{' is already there.
    /// </summary>
    private static void AddImpliedSeparator(List<IToken> tokens, IToken before)
    {
        var previous = tokens.Count > 0 ? tokens[^1].Type : CallFlowLexer.NEWLINE;
        if (previous is CallFlowLexer.NEWLINE or CallFlowLexer.SEMI or CallFlowLexer.LBRACE)
            return;
        var implied = new CommonToken(before) { Type = CallFlowLexer.SEMI, Text = "", TokenIndex = tokens.Count };
        implied.StopIndex = implied.StartIndex - 1;
        tokens.Add(implied);
    }

    private static bool ContinuesLine(int type) => type is CallFlowLexer.AND or CallFlowLexer.OR or CallFlowLexer.NOT
        or CallFlowLexer.ASSIGN or CallFlowLexer.COMMA or CallFlowLexer.ARROW or CallFlowLexer.DASH
        or CallFlowLexer.EQ or CallFlowLexer.NEQ or CallFlowLexer.LT or CallFlowLexer.GT or CallFlowLexer.LE or CallFlowLexer.GE;

    internal static bool IsImplied(IToken token) => token.Type == CallFlowLexer.SEMI && token.StopIndex < token.StartIndex;

    private static bool CheckDepth(SourceText source, List<IToken> tokens, DiagnosticBag diagnostics)
    {
        var depth = 0;
        var notChain = 0;
        var operators = 0;
        foreach (var token in tokens)
        {
            switch (token.Type)
            {
                case CallFlowLexer.LBRACE or CallFlowLexer.LPAREN or CallFlowLexer.LBRACK:
                    depth++;
                    break;
                case CallFlowLexer.RBRACE or CallFlowLexer.RPAREN or CallFlowLexer.RBRACK:
                    depth = Math.Max(0, depth - 1);
                    break;
                case CallFlowLexer.CONDITION or CallFlowLexer.START or CallFlowLexer.MODULE or CallFlowLexer.USERVAR:
                    operators = 0;
                    break;
                case CallFlowLexer.AND or CallFlowLexer.OR:
                    operators++;
                    break;
            }
            notChain = token.Type == CallFlowLexer.NOT ? notChain + 1 : 0;
            string? what = depth > MaxNesting ? "this block or bracket" : notChain > MaxNesting ? "this chain of 'not'" : null;
            var limit = MaxNesting;
            if (what is null && operators > MaxConditionOperators)
            {
                what = "this condition's 'and'/'or' chain";
                limit = MaxConditionOperators;
            }
            if (what is not null)
            {
                diagnostics.Report(DiagnosticDescriptors.TooDeep, source, new TextSpan(token.StartIndex, Math.Max(1, token.StopIndex - token.StartIndex + 1)), what, limit);
                return false;
            }
        }
        return true;
    }

    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
