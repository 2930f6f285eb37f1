using Antlr4.Runtime;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Syntax.Generated;
using CallFlow.Compiler.Text;
using P = CallFlow.Compiler.Syntax.Generated.CallFlowParser;

namespace CallFlow.Compiler.Syntax;

/// <summary>
/// ANTLR's default recovery, plus one rule for blocks: when a block meets something it can never hold (the end
/// of the file, a new declaration, or in an action body a new label), its '}' was forgotten. That is reported
/// once at the '{' (VF0006) and the block ends there, so the rest of the file is parsed normally instead of
/// being swallowed by the unclosed block.
/// </summary>
internal sealed class StatementErrorStrategy(SourceText source, DiagnosticBag diagnostics) : DefaultErrorStrategy
{
    public override void Sync(Parser recognizer)
    {
        var context = recognizer.Context;
        if (context is P.FlowBodyContext or P.ActionBodyContext)
        {
            var next = ((ITokenStream)recognizer.InputStream).LA(1);
            var endsBlock = next is TokenConstants.EOF or CallFlowLexer.START or CallFlowLexer.MODULE or CallFlowLexer.CONDITION
                    or CallFlowLexer.USERVAR or CallFlowLexer.DIRECT
                || (next == CallFlowLexer.LABEL && context is P.ActionBodyContext);
            var open = context is P.FlowBodyContext flow ? flow.LBRACE() : ((P.ActionBodyContext)context).LBRACE();
            if (endsBlock && open is { Symbol.StartIndex: >= 0 })
            {
                diagnostics.Report(DiagnosticDescriptors.UnclosedBrace, source, new TextSpan(open.Symbol.StartIndex, 1));
                BeginErrorCondition(recognizer);
                throw new UnclosedBlockException(recognizer);
            }
        }
        base.Sync(recognizer);
    }

    public override void Recover(Parser recognizer, RecognitionException e)
    {
        // The block ends where it is; the caller's missing separator is conjured silently (we are in error mode).
        if (e is UnclosedBlockException)
            return;
        base.Recover(recognizer, e);
    }

    public override void ReportError(Parser recognizer, RecognitionException e)
    {
        if (e is UnclosedBlockException)
            return; // reported in Sync, at the '{'
        base.ReportError(recognizer, e);
    }

    private sealed class UnclosedBlockException(Parser parser)
        : RecognitionException(parser, (ITokenStream)parser.InputStream, parser.Context);
}
