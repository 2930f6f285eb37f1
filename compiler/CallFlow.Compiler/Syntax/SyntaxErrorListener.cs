using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Syntax.Generated;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>
/// Turns ANTLR's parse errors into CallFlow diagnostics with plain-language messages. Only the first error on a
/// line is kept: after it, ANTLR's recovery often reports the rest of the line again.
/// </summary>
internal sealed class SyntaxErrorListener(SourceText source, DiagnosticBag diagnostics)
    : BaseErrorListener
{
    private int _lastErrorLine = -1;

    public override void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line,
        int charPositionInLine, string msg, RecognitionException e)
    {
        if (line == _lastErrorLine)
            return;
        _lastErrorLine = line;

        var parser = (Parser)recognizer;
        IntervalSet expected;
        try
        {
            expected = e?.GetExpectedTokens() ?? parser.GetExpectedTokens();
        }
        catch (Exception)
        {
            // ANTLR can fail to compute the follow set in odd recovery states; the message is still useful without it.
            expected = new IntervalSet();
        }

        var span = SpanOf(offendingSymbol);
        if (expected.Contains(CallFlowLexer.START) && expected.Contains(CallFlowLexer.MODULE))
        {
            diagnostics.Report(DiagnosticDescriptors.SyntaxError, source, span, Describe(offendingSymbol), "a declaration: start, module, condition or uservar",
                offendingSymbol.Type == CallFlowLexer.RBRACE
                    ? "this '}' closes nothing; remove it"
                    : "actions and settings belong inside the braces of a start point or module");
            return;
        }
        if (offendingSymbol.Type == CallFlowLexer.ASSIGN)
        {
            diagnostics.Report(DiagnosticDescriptors.SyntaxError, source, span, Describe(offendingSymbol), "a value or the end of the line",
                "settings are written 'name value' without '=', for example: timeout 5s");
            return;
        }

        var expectsEnd = expected.Contains(CallFlowLexer.NEWLINE) || expected.Contains(CallFlowLexer.SEMI);
        var onlyEnd = expectsEnd && expected.ToArray().All(t => t is CallFlowLexer.NEWLINE or CallFlowLexer.SEMI);
        if ((msg.StartsWith("missing", StringComparison.Ordinal) || onlyEnd) && expectsEnd && !msg.StartsWith("extraneous", StringComparison.Ordinal))
        {
            diagnostics.Report(DiagnosticDescriptors.MissingStatementEnd, source, span, Describe(offendingSymbol));
            return;
        }
        if (msg.StartsWith("extraneous input", StringComparison.Ordinal) && expectsEnd)
        {
            diagnostics.Report(DiagnosticDescriptors.ExtraInput, source, span, Describe(offendingSymbol));
            return;
        }

        var (expectedText, hint) = DescribeExpected(expected, offendingSymbol);
        diagnostics.Report(DiagnosticDescriptors.SyntaxError, source, span, Describe(offendingSymbol), expectedText, hint);
    }

    private TextSpan SpanOf(IToken token)
    {
        if (token.Type == TokenConstants.EOF || token.StartIndex < 0)
            return new TextSpan(Math.Max(0, Math.Min(source.Text.Length, token.StartIndex < 0 ? source.Text.Length : token.StartIndex)), 0);
        if (token.Type == CallFlowLexer.NEWLINE || SyntaxTree.IsImplied(token))
            return new TextSpan(token.StartIndex, 0);
        return TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);
    }

    internal static string Describe(IToken token) => token.Type switch
    {
        TokenConstants.EOF => "end of file",
        CallFlowLexer.SEMI when SyntaxTree.IsImplied(token) => "end of block",
        CallFlowLexer.NEWLINE => "end of line",
        CallFlowLexer.STRING or CallFlowLexer.UNTERMINATED_STRING => $"string {Shorten(token.Text)}",
        CallFlowLexer.IDENT => $"name '{token.Text}'",
        CallFlowLexer.LABEL => $"label '{token.Text.TrimEnd(':', ' ', '\t')}:'",
        CallFlowLexer.NUMBER => $"number {token.Text}",
        CallFlowLexer.DURATION => $"duration {token.Text}",
        CallFlowLexer.VARIABLE => $"variable {token.Text}",
        CallFlowLexer.TIME => $"time {token.Text}",
        CallFlowLexer.DATE => $"date {token.Text}",
        _ => $"'{Shorten(token.Text)}'",
    };

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..27] + "...";

    private static (string Expected, string Hint) DescribeExpected(IntervalSet expected, IToken offending)
    {
        if (expected.Contains(CallFlowLexer.ARROW) && offending.Type == CallFlowLexer.IDENT && !expected.Contains(CallFlowLexer.IDENT))
            return ("'->' before the target", $"write the connection as '-> {offending.Text}'");

        var names = new List<string>();
        var valueTokens = new[] { CallFlowLexer.STRING, CallFlowLexer.NUMBER, CallFlowLexer.DURATION, CallFlowLexer.VARIABLE };
        var wantsValue = valueTokens.Count(expected.Contains) >= 3;
        if (wantsValue)
            names.Add("a value");
        foreach (var type in expected.ToArray())
        {
            if (wantsValue && (valueTokens.Contains(type) || type is CallFlowLexer.TIME or CallFlowLexer.DATE or CallFlowLexer.TRUE
                    or CallFlowLexer.FALSE or CallFlowLexer.LBRACK))
                continue;
            var name = type switch
            {
                TokenConstants.EOF => "end of file",
                CallFlowLexer.NEWLINE => "end of line",
                CallFlowLexer.IDENT => "a name",
                CallFlowLexer.LABEL => "a label",
                CallFlowLexer.STRING => "a string",
                CallFlowLexer.NUMBER => "a number",
                CallFlowLexer.VARIABLE => "a variable",
                CallFlowLexer.DURATION => "a duration",
                CallFlowLexer.TIME => "a time",
                CallFlowLexer.DATE => "a date",
                CallFlowLexer.UNTERMINATED_STRING or CallFlowLexer.UNTERMINATED_COMMENT or CallFlowLexer.ERROR_CHAR => null,
                _ => CallFlowLexer.DefaultVocabulary.GetLiteralName(type),
            };
            if (name is not null && !names.Contains(name))
                names.Add(name);
        }

        if (names.Count == 0)
            return ("something else", "check the statement against docs/language.md");
        var text = names.Count > 6 ? string.Join(", ", names.Take(6)) + ", ..." : string.Join(", ", names);
        var hint = offending.Type switch
        {
            CallFlowLexer.LABEL => "a label goes at the start of an action line: 'Name: action ...'",
            CallFlowLexer.RBRACE => "a '}' closes a block opened with '{'; check that each block is opened and closed once",
            CallFlowLexer.ARROW => "'-> Target' goes on the same line as the action or result it continues",
            _ when expected.Contains(CallFlowLexer.LBRACE) => "a flow body is written inside '{' and '}'",
            _ when expected.Contains(CallFlowLexer.ASSIGN) => "declarations are written 'condition Name = ...' and 'uservar Name = value'",
            _ => "see docs/language.md for the statement's form",
        };
        return (text, hint);
    }
}
