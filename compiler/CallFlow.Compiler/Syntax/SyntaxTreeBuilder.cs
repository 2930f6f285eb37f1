using System.Collections.Immutable;
using System.Globalization;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Syntax.Generated;
using CallFlow.Compiler.Text;
using P = CallFlow.Compiler.Syntax.Generated.CallFlowParser;

namespace CallFlow.Compiler.Syntax;

/// <summary>
/// The only code that sees ANTLR's parse tree. It copies it into CallFlow's own immutable syntax tree, tolerating
/// the holes that error recovery leaves (missing tokens, null children) so every later stage gets a whole tree.
/// </summary>
internal sealed class SyntaxTreeBuilder(SourceText source, DiagnosticBag diagnostics)
{
    public CompilationUnitSyntax Build(P.CompilationUnitContext context)
    {
        var declarations = ImmutableArray.CreateBuilder<DeclarationSyntax>();
        foreach (var declaration in context.topStatement().Select(s => s.declaration()).Where(d => d is not null))
        {
            var built = BuildDeclaration(declaration);
            if (built is not null)
                declarations.Add(built);
        }
        return new CompilationUnitSyntax(source, declarations.ToImmutable(), new TextSpan(0, source.Text.Length));
    }

    public DeclarationSyntax? BuildStatement(P.TopStatementContext context) =>
        context.declaration() is { } declaration ? BuildDeclaration(declaration) : null;

    private DeclarationSyntax? BuildDeclaration(P.DeclarationContext context)
    {
        if (context.startDeclaration() is { } start)
        {
            var name = start.name is { } n && IsReal(n) ? BuildString(n) : null;
            return new StartPointSyntax(Token(start.START().Symbol), Token(start.owner, start), name,
                start.kind is { } k && IsReal(k) ? Token(k) : null, BuildFlowBody(start.flowBody()), SpanOf(start));
        }
        if (context.moduleDeclaration() is { } module)
            return new ModuleSyntax(Token(module.name, module), module.DIRECT() is not null, BuildFlowBody(module.flowBody()), SpanOf(module));
        if (context.conditionDeclaration() is { } condition)
            return new ConditionDeclarationSyntax(Token(condition.name, condition), BuildCondition(condition.conditionExpression()), SpanOf(condition));
        if (context.userVariableDeclaration() is { } variable)
            return new UserVariableSyntax(Token(variable.name, variable), variable.value() is { } v ? BuildValue(v) : null, SpanOf(variable));
        return null;
    }

    private FlowBodySyntax BuildFlowBody(P.FlowBodyContext? context)
    {
        if (context is null)
            return new FlowBodySyntax([], new TextSpan(source.Text.Length, 0));
        var actions = ImmutableArray.CreateBuilder<ActionSyntax>();
        foreach (var action in context.flowStatement().Select(s => s.action()).Where(a => a is not null))
        {
            if (action.kind is null || !IsReal(action.kind))
                continue;
            actions.Add(BuildAction(action));
        }
        return new FlowBodySyntax(actions.ToImmutable(), SpanOf(context));
    }

    private ActionSyntax BuildAction(P.ActionContext context)
    {
        SyntaxToken? label = null;
        if (context.LABEL() is { } labelNode)
        {
            var text = labelNode.Symbol.Text;
            var name = text.TrimEnd(':').TrimEnd(' ', '\t');
            label = new SyntaxToken(name, new TextSpan(labelNode.Symbol.StartIndex, name.Length));
        }

        var body = ImmutableArray.CreateBuilder<BodyItemSyntax>();
        if (context.actionBody() is { } actionBody)
        {
            foreach (var item in actionBody.bodyStatement().Select(s => s.bodyItem()).Where(i => i is not null))
            {
                var built = BuildBodyItem(item);
                if (built is not null)
                    body.Add(built);
            }
        }

        var target = context.target() is { } t ? BuildTarget(t) : null;
        return new ActionSyntax(label, Token(context.kind), BuildArguments(context.arguments()), body.ToImmutable(), target, SpanOf(context));
    }

    private ImmutableArray<ValueSyntax> BuildArguments(P.ArgumentsContext? context) =>
        context is null ? [] : [.. context.value().Select(BuildValue)];

    private BodyItemSyntax? BuildBodyItem(P.BodyItemContext context)
    {
        if (context.setting() is { } setting)
        {
            if (setting.name is null || !IsReal(setting.name))
                return null;
            return new SettingSyntax(Token(setting.name), BuildArguments(setting.arguments()), SpanOf(setting));
        }
        if (context.connection() is { } connection)
        {
            var results = connection.resultName()
                .Select(r => r.IDENT() is { } id ? Token(id.Symbol) : r.STRING() is { } s ? new SyntaxToken(BuildString(s.Symbol).Value, SpanOf(r)) : null)
                .Where(r => r is not null && r.Text.Length > 0)
                .Select(r => r!);
            return new ConnectionSyntax([.. results], BuildBranch(connection.branch()), SpanOf(connection));
        }
        if (context.keyBranch() is { } key)
        {
            ValueSyntax pattern = key.keyPattern is not null ? BuildValue(key.keyPattern)
                : key.keySymbol is { } symbol && IsReal(symbol) ? new StringValueSyntax(symbol.Text, $"\"{symbol.Text}\"", SpanOf(symbol))
                : new ErrorValueSyntax(SpanOf(key));
            return new KeyBranchSyntax(pattern, BuildBranch(key.branch()), SpanOf(key));
        }
        if (context.caseBranch() is { } caseBranch)
            return new CaseBranchSyntax(caseBranch.value() is { } v ? BuildValue(v) : new ErrorValueSyntax(SpanOf(caseBranch)), BuildBranch(caseBranch.branch()), SpanOf(caseBranch));
        return null;
    }

    private BranchSyntax BuildBranch(P.BranchContext? context)
    {
        if (context?.flowBody() is { } body)
            return new InlineFlowSyntax(BuildFlowBody(body), SpanOf(context));
        if (context?.target() is { } target)
            return BuildTarget(target);
        var span = context is null ? new TextSpan(source.Text.Length, 0) : SpanOf(context);
        return new TargetSyntax(new SyntaxToken("", span), null, span);
    }

    private TargetSyntax BuildTarget(P.TargetContext context)
    {
        var values = context.arguments()?.value() ?? [];
        var extraStart = values.Length > 1 ? SpanOf(values[1]).Start
            : context.actionBody() is { } body ? SpanOf(body).Start
            : context.ARROW() is { } arrow ? arrow.Symbol.StartIndex
            : (int?)null;
        TextSpan? extra = extraStart is { } start ? TextSpan.FromBounds(start, SpanOf(context).End) : null;
        return new(Token(context.name, context), values.Length > 0 ? BuildValue(values[0]) : null, SpanOf(context), extra);
    }

    private ValueSyntax BuildValue(P.ValueContext context)
    {
        var span = SpanOf(context);
        switch (context)
        {
            case P.StringValueContext s:
                return BuildString(s.STRING().Symbol);
            case P.NumberValueContext:
                return new NumberValueSyntax(context.GetText(), span);
            case P.DurationValueContext:
                return new DurationValueSyntax(context.GetText(), ParseDuration(context.GetText()), span);
            case P.TimeValueContext:
                return new TimeValueSyntax(context.GetText(), span);
            case P.DateValueContext:
                return new DateValueSyntax(context.GetText(), span);
            case P.VariableValueContext:
                return new VariableValueSyntax(context.GetText(), span);
            case P.BooleanValueContext b:
                return new BooleanValueSyntax(b.TRUE() is not null, span);
            case P.NameValueContext n:
                return n.IDENT() is { } id && IsReal(id.Symbol) ? new NameValueSyntax(id.GetText(), span) : new ErrorValueSyntax(span);
            case P.CallValueContext call:
                return new CallValueSyntax(Token(call.name, call), [.. call.value().Select(BuildValue)], span);
            case P.ListValueContext list:
                return new ListValueSyntax([.. list.value().Select(BuildValue)], span);
            default:
                return new ErrorValueSyntax(span);
        }
    }

    private StringValueSyntax BuildString(IToken token)
    {
        var text = token.Text ?? "\"";
        return new StringValueSyntax(StringLiteral.Decode(text, token.StartIndex, source, diagnostics), text, SpanOf(token));
    }

    private ConditionExpressionSyntax BuildCondition(P.ConditionExpressionContext? context)
    {
        if (context is null)
            return new ErrorConditionSyntax(new TextSpan(source.Text.Length, 0));
        var span = SpanOf(context);
        switch (context)
        {
            case P.NotConditionContext not:
                return new NotConditionSyntax(BuildCondition(not.operand), span);
            case P.AndConditionContext and:
                return new BinaryConditionSyntax(BuildCondition(and.left), Token(and.AND().Symbol), BuildCondition(and.right), span);
            case P.OrConditionContext or:
                return new BinaryConditionSyntax(BuildCondition(or.left), Token(or.OR().Symbol), BuildCondition(or.right), span);
            case P.ParenthesizedConditionContext paren:
                return BuildCondition(paren.inner);
            case P.CompareConditionContext compare when compare.left is not null && compare.right is not null && compare.op is not null:
                return new CompareConditionSyntax(BuildComparand(compare.left), Token(compare.op), BuildComparand(compare.right), span);
            case P.FunctionConditionContext function:
                return new FunctionConditionSyntax(Token(function.name, function), [.. function.periodItem().Select(BuildPeriodItem)], span);
            case P.LiteralConditionContext literal:
                return new LiteralConditionSyntax(literal.TRUE() is not null, span);
            case P.ReferenceConditionContext reference when reference.name is not null && IsReal(reference.name):
                return new ReferenceConditionSyntax(Token(reference.name), span);
            default:
                return new ErrorConditionSyntax(span);
        }
    }

    private ValueSyntax BuildComparand(P.ComparandContext context)
    {
        var span = SpanOf(context);
        if (context.VARIABLE() is { } v)
            return new VariableValueSyntax(v.GetText(), span);
        if (context.STRING() is { } s)
            return BuildString(s.Symbol);
        if (context.NUMBER() is { } n)
            return new NumberValueSyntax(n.GetText(), span);
        return new ErrorValueSyntax(span);
    }

    private PeriodItemSyntax BuildPeriodItem(P.PeriodItemContext context) =>
        new([.. context.rangePart().Where(p => p.low is not null).Select(p =>
            new RangePartSyntax(Token(p.low.Start), p.high is null ? null : Token(p.high.Start), SpanOf(p)))], SpanOf(context));

    // Durations: 500ms, 5s, 2m, 1h. An absurd number of digits saturates; the binder's range checks report it.
    private static long ParseDuration(string text)
    {
        var unitStart = text.Length;
        while (unitStart > 0 && !char.IsAsciiDigit(text[unitStart - 1]))
            unitStart--;
        var unit = text[unitStart..];
        var factor = unit switch { "ms" => 1L, "s" => 1000L, "m" => 60_000L, "h" => 3_600_000L, _ => 1000L };
        if (!long.TryParse(text.AsSpan(0, unitStart), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > long.MaxValue / factor)
            return long.MaxValue;
        return number * factor;
    }

    private static bool IsReal(IToken token) => token.StartIndex >= 0 && token.TokenIndex >= 0 && token.Type != TokenConstants.EOF;

    private SyntaxToken Token(IToken? token, ParserRuleContext? fallback = null)
    {
        if (token is null || !IsReal(token))
        {
            var span = fallback is null ? new TextSpan(source.Text.Length, 0) : SpanOf(fallback);
            return new SyntaxToken("", span);
        }
        return new SyntaxToken(token.Text, SpanOf(token));
    }

    private TextSpan SpanOf(IToken token) =>
        token.StartIndex < 0 ? new TextSpan(source.Text.Length, 0) : TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);

    private TextSpan SpanOf(ParserRuleContext context)
    {
        var start = context.Start is { StartIndex: >= 0 } s ? s.StartIndex : source.Text.Length;
        var stop = context.Stop is { StopIndex: >= 0 } e && e.StopIndex + 1 >= start ? e.StopIndex + 1 : start;
        if (context.Stop?.Type == CallFlowLexer.NEWLINE)
            stop = Math.Max(start, context.Stop.StartIndex);
        return TextSpan.FromBounds(start, Math.Min(stop, source.Text.Length));
    }
}
