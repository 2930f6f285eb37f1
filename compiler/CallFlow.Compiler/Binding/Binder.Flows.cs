using System.Collections.Immutable;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Syntax;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

internal sealed partial class Binder
{
    private static readonly HashSet<string> ReservedLabels = new(StringComparer.Ordinal) { "disconnect", "home", "return", "goto" };

    /// <summary>The state of binding one flow: its actions in source order (inline blocks flattened), and labels.</summary>
    private sealed class FlowContext(FlowKind kind, string name, string display, bool isQueue, SourceText source)
    {
        public string Display { get; } = display;
        public FlowKind Kind { get; } = kind;
        public string Name { get; } = name;
        public bool IsQueue { get; } = isQueue;
        public SourceText Source { get; } = source;
        public List<PendingAction> Pending { get; } = [];
        public Dictionary<string, int> Labels { get; } = new(StringComparer.Ordinal);
        public List<BoundAction?> Bound { get; } = [];
        public SourceLocation At(TextSpan span) => new(Source, span);
    }

    /// <param name="Next">The following action in the same block, for the implicit Next chain.</param>
    /// <param name="IsFirstOfFlow">The first action of the flow's own body.</param>
    private sealed record PendingAction(ActionSyntax Syntax, int Index, int? Next, bool IsFirstOfFlow);

    private BoundFlow BindFlow(FlowKind kind, string name, string display, bool isQueue, bool isDirect, FlowBodySyntax body, SourceText source, TextSpan span)
    {
        var context = new FlowContext(kind, name, display, isQueue, source);
        if (body.Actions.IsEmpty)
            _diagnostics.Report(DiagnosticDescriptors.EmptyFlow, source, span.Start < body.Span.Start ? TextSpan.FromBounds(span.Start, body.Span.Start) : span, display);

        Flatten(context, body, isFlowBody: true);
        var count = context.Pending.Count;
        for (var i = 0; i < count; i++)
            context.Bound.Add(null);
        foreach (var pending in context.Pending.Take(count).ToList())
            context.Bound[pending.Index] = BindAction(context, pending);

        var exits = kind == FlowKind.Module ? _moduleExits.GetValueOrDefault(name, []) : [];
        return new BoundFlow(kind, name, display, isQueue, isDirect, [.. context.Bound.Select(a => a!)], exits, new SourceLocation(source, span));
    }

    /// <summary>Gives every action (including those in inline blocks) its index and registers labels.</summary>
    private int? Flatten(FlowContext context, FlowBodySyntax body, bool isFlowBody)
    {
        var first = context.Pending.Count;
        var indices = new List<int>();
        foreach (var action in body.Actions)
        {
            var index = context.Pending.Count;
            indices.Add(index);
            context.Pending.Add(null!);
            if (action.Label is { } label)
            {
                if (ReservedLabels.Contains(label.Text))
                    _diagnostics.Report(DiagnosticDescriptors.ReservedLabel, context.Source, label.Span, label.Text);
                else if (!context.Labels.TryAdd(label.Text, index))
                    _diagnostics.Report(DiagnosticDescriptors.DuplicateLabel, context.Source, label.Span, label.Text, context.Display);
                if (label.Text.Length > NameLimit * 2)
                    _diagnostics.Report(DiagnosticDescriptors.NameTooLong, context.Source, label.Span, "label", label.Text, label.Text.Length, NameLimit * 2, "use a shorter label");
            }
        }
        for (var i = 0; i < indices.Count; i++)
        {
            int? next = i + 1 < indices.Count ? indices[i + 1] : null;
            context.Pending[indices[i]] = new PendingAction(body.Actions[i], indices[i], next, isFlowBody && i == 0);
        }
        // Inline blocks are flattened after their block so each block's actions stay contiguous.
        foreach (var action in body.Actions)
        {
            foreach (var item in action.Body)
            {
                var branch = item switch
                {
                    ConnectionSyntax c => c.Branch,
                    KeyBranchSyntax k => k.Branch,
                    CaseBranchSyntax c => c.Branch,
                    _ => null,
                };
                if (branch is InlineFlowSyntax inline)
                    _inlineEntries[inline] = Flatten(context, inline.Body, isFlowBody: false);
            }
        }
        return indices.Count > 0 ? first : null;
    }

    private readonly Dictionary<InlineFlowSyntax, int?> _inlineEntries = new(ReferenceEqualityComparer.Instance);

    private BoundAction BindAction(FlowContext context, PendingAction pending)
    {
        var syntax = pending.Syntax;
        var kindText = syntax.Kind.Text;
        var definition = ActionCatalog.Find(kindText);
        var location = context.At(syntax.Kind.Span);
        if (definition is null)
        {
            if (ActionCatalog.Legacy.TryGetValue(kindText, out var instead))
                _diagnostics.Report(DiagnosticDescriptors.LegacyAction, location, kindText, instead);
            else
                _diagnostics.Report(DiagnosticDescriptors.UnknownAction, location, kindText,
                    Suggest(kindText, ActionCatalog.All.Select(a => a.Name), "see docs/language.md for the list of actions"));
            return BindUnknownAction(context, pending, location);
        }

        if (definition.Has(ActionTraits.FlowOption) && !(pending.IsFirstOfFlow && context.Kind == FlowKind.StartPoint))
            _diagnostics.Report(DiagnosticDescriptors.MisplacedFlowOption, location, kindText);
        if (definition.Name == "return" && context.Kind != FlowKind.Module)
            _diagnostics.Report(DiagnosticDescriptors.ReturnOutsideModule, location);

        var settings = BindSettings(context, definition, syntax);
        var results = ResultsOf(context, definition, syntax, settings);
        var connections = BindConnections(context, definition, syntax, results, pending);
        return new BoundAction(pending.Index, syntax.Label?.Text, definition, settings, results, connections, location, IsSynthetic: false);
    }

    /// <summary>An unknown action keeps its connections (so labels it leads to are not reported unreachable) but nothing is checked.</summary>
    private BoundAction BindUnknownAction(FlowContext context, PendingAction pending, SourceLocation location)
    {
        var placeholder = new ActionDefinition(pending.Syntax.Kind.Text, pending.Syntax.Kind.Text, ActionGroup.Basic, "unknown", [], [], [],
            ActionTraits.DynamicResults | ActionTraits.WaitsForCaller);
        var connections = ImmutableArray.CreateBuilder<BoundConnection>();
        foreach (var item in pending.Syntax.Body)
        {
            var (names, branch) = item switch
            {
                ConnectionSyntax c => (c.Results.Select(r => r.Text).ToArray(), c.Branch),
                KeyBranchSyntax k => (new[] { KeyText(k.Pattern) }, k.Branch),
                CaseBranchSyntax c => (new[] { CaseText(c.Test) }, c.Branch),
                _ => (Array.Empty<string>(), (BranchSyntax?)null),
            };
            if (branch is null)
                continue;
            var target = ResolveBranch(context, branch);
            foreach (var name in names)
                connections.Add(new BoundConnection(name, target, context.At(item.Span), false));
        }
        if (pending.Syntax.NextTarget is { } next)
            connections.Add(new BoundConnection("Next", ResolveBranch(context, next), context.At(next.Span), false));
        // Assume the chain continues, so the actions after a misspelt one are not also reported unreachable.
        else if (pending.Next is { } following && !connections.Any(c => c.Result == "Next"))
            connections.Add(new BoundConnection("Next", following, location, IsImplicit: true));
        var results = connections.Select(c => c.Result).Distinct().ToImmutableArray();
        return new BoundAction(pending.Index, pending.Syntax.Label?.Text, placeholder, [], results, connections.ToImmutable(), location, IsSynthetic: false);
    }

    private ImmutableArray<string> ResultsOf(FlowContext context, ActionDefinition definition, ActionSyntax syntax, ImmutableArray<BoundSetting> settings)
    {
        if (!definition.Has(ActionTraits.DynamicResults))
            return definition.Results;
        var results = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        switch (definition.Name)
        {
            case "menu":
                foreach (var key in syntax.Body.OfType<KeyBranchSyntax>())
                {
                    var text = KeyText(key.Pattern);
                    if (!IsValidKeyPattern(text))
                    {
                        _diagnostics.Report(DiagnosticDescriptors.InvalidMenuKey, context.At(key.Pattern.Span), text);
                        continue;
                    }
                    if (!seen.Add(text))
                        _diagnostics.Report(DiagnosticDescriptors.DuplicateMenuKey, context.At(key.Pattern.Span), text);
                    else
                        results.Add(text);
                }
                break;
            case "test_variable":
                foreach (var test in syntax.Body.OfType<CaseBranchSyntax>())
                {
                    var text = CaseText(test.Test);
                    BindCaseValue(context, test.Test);
                    if (!seen.Add(text))
                        _diagnostics.Report(DiagnosticDescriptors.DuplicateConnection, context.At(test.Test.Span), text);
                    else
                        results.Add(text);
                }
                break;
            case "call":
                if (settings.FirstOrDefault(s => s.Definition.Name == "module")?.Values.FirstOrDefault() is BoundName module)
                {
                    foreach (var exit in _moduleExits.GetValueOrDefault(module.Name, []))
                    {
                        if (seen.Add(exit))
                            results.Add(exit);
                    }
                }
                break;
        }
        foreach (var fixedResult in definition.Results)
        {
            // Test Variable's Timeout only happens for $KEY: it waits for new digits when nothing matched.
            if (definition.Name == "test_variable" && fixedResult == "Timeout"
                && settings.FirstOrDefault(s => s.Definition.Name == "variable")?.Values.FirstOrDefault() is BoundVariable { Name: not "$KEY" })
                continue;
            if (seen.Add(fixedResult))
                results.Add(fixedResult);
        }
        return results.ToImmutable();
    }

    private ImmutableArray<BoundConnection> BindConnections(FlowContext context, ActionDefinition definition, ActionSyntax syntax,
        ImmutableArray<string> resultList, PendingAction pending)
    {
        var results = resultList.ToHashSet(StringComparer.Ordinal);
        var connections = ImmutableArray.CreateBuilder<BoundConnection>();
        var connected = new HashSet<string>(StringComparer.Ordinal);

        // A branch shared by several results ('on Timeout, Invalid -> Retry') is resolved once, so a bad target is reported once.
        var resolved = new Dictionary<BranchSyntax, int>(ReferenceEqualityComparer.Instance);
        int Resolve(BranchSyntax branch)
        {
            if (!resolved.TryGetValue(branch, out var target))
                resolved[branch] = target = ResolveBranch(context, branch);
            return target;
        }

        void Connect(string result, TextSpan span, BranchSyntax branch, bool isKey)
        {
            if (!results.Contains(result))
            {
                if (!isKey)
                    _diagnostics.Report(DiagnosticDescriptors.UnknownResult, context.At(span), syntax.Kind.Text, result,
                        resultList.IsEmpty ? "(none: this action ends the branch)" : Suggestions.List(resultList.Select(r => IsIdentifier(r) ? r : $"\"{r}\"")));
                Resolve(branch); // still resolve, so a typo in the target is reported too
                return;
            }
            if (!connected.Add(result))
            {
                if (!isKey)
                    _diagnostics.Report(DiagnosticDescriptors.DuplicateConnection, context.At(span), result);
                return;
            }
            connections.Add(new BoundConnection(result, Resolve(branch), context.At(span), false));
        }

        foreach (var item in syntax.Body)
        {
            switch (item)
            {
                case ConnectionSyntax connection:
                    foreach (var result in connection.Results)
                        Connect(result.Text, result.Span, connection.Branch, isKey: false);
                    break;
                case KeyBranchSyntax key:
                    if (definition.Name != "menu")
                    {
                        _diagnostics.Report(DiagnosticDescriptors.BranchNotAllowed, context.At(key.Span.Start < key.Pattern.Span.Start ? TextSpan.FromBounds(key.Span.Start, key.Pattern.Span.Start) : key.Span),
                            "key", "menu actions", syntax.Kind.Text);
                        ResolveBranch(context, key.Branch);
                        break;
                    }
                    Connect(KeyText(key.Pattern), key.Pattern.Span, key.Branch, isKey: true);
                    break;
                case CaseBranchSyntax test:
                    if (definition.Name != "test_variable")
                    {
                        _diagnostics.Report(DiagnosticDescriptors.BranchNotAllowed, context.At(test.Span.Start < test.Test.Span.Start ? TextSpan.FromBounds(test.Span.Start, test.Test.Span.Start) : test.Span),
                            "case", "test_variable actions", syntax.Kind.Text);
                        ResolveBranch(context, test.Branch);
                        break;
                    }
                    Connect(CaseText(test.Test), test.Test.Span, test.Branch, isKey: true);
                    break;
            }
        }

        if (syntax.NextTarget is { } nextTarget)
        {
            if (!results.Contains("Next"))
            {
                _diagnostics.Report(DiagnosticDescriptors.ArrowWithoutNext, context.At(nextTarget.Span), syntax.Kind.Text,
                    resultList.IsEmpty ? "it has no results" : string.Join(", ", resultList.Select(r => $"on {(IsIdentifier(r) ? r : $"\"{r}\"")} -> ...")));
                ResolveBranch(context, nextTarget);
            }
            else if (!connected.Add("Next"))
                _diagnostics.Report(DiagnosticDescriptors.DuplicateConnection, context.At(nextTarget.Span), "Next");
            else
                connections.Add(new BoundConnection("Next", ResolveBranch(context, nextTarget), context.At(nextTarget.Span), false));
        }

        // The obvious "next" chain: an unconnected Next continues with the following action of the same block.
        if (results.Contains("Next") && !connected.Contains("Next") && pending.Next is { } following)
            connections.Add(new BoundConnection("Next", following, context.At(syntax.Kind.Span), IsImplicit: true));

        return connections.ToImmutable();
    }

    /// <summary>Returns the index of the action a branch leads to, or -1 when it cannot be resolved (already reported).</summary>
    private int ResolveBranch(FlowContext context, BranchSyntax branch)
    {
        switch (branch)
        {
            case InlineFlowSyntax inline:
                if (_inlineEntries.TryGetValue(inline, out var entry) && entry is { } index)
                    return index;
                _diagnostics.Report(DiagnosticDescriptors.EmptyBlock, context.At(inline.Span));
                return -1;
            case TargetSyntax target:
                return ResolveTarget(context, target);
            default:
                return -1;
        }
    }

    private int ResolveTarget(FlowContext context, TargetSyntax target)
    {
        var name = target.Name.Text;
        if (name.Length == 0)
            return -1;
        if (target.Argument is null && context.Labels.TryGetValue(name, out var index))
            return index;

        var definition = ActionCatalog.Find(name);
        if (definition is not null && definition.Has(ActionTraits.InlineTarget))
        {
            if (target.Extra is { } extra)
                _diagnostics.Report(DiagnosticDescriptors.InlineTargetExtra, context.At(extra), name);
            return AddSyntheticAction(context, definition, target);
        }
        if (definition is not null)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidInlineTarget, context.At(target.Name.Span), name);
            return -1;
        }

        var hint = SuggestClosest(name, context.Labels.Keys) is { } closest
            ? $"did you mean '{closest}'?"
            : _modules.ContainsKey(name)
                ? $"'{name}' is a module: write '-> goto {name}' to jump to it, or 'call {name}' to run it and come back"
                : "label the action you want to reach ('Name: action ...') in the same start point or module";
        _diagnostics.Report(DiagnosticDescriptors.UndefinedLabel, context.At(target.Name.Span), name, context.Display, hint);
        return -1;
    }

    /// <summary>'-> disconnect', '-> return Done', '-> goto Reception' become actions of their own.</summary>
    private int AddSyntheticAction(FlowContext context, ActionDefinition definition, TargetSyntax target)
    {
        var syntax = new ActionSyntax(null, target.Name, target.Argument is null ? [] : [target.Argument], [], null, target.Span);
        var index = context.Bound.Count;
        context.Bound.Add(null);
        context.Pending.Add(new PendingAction(syntax, index, null, false));
        if (definition.Name == "return" && context.Kind != FlowKind.Module)
            _diagnostics.Report(DiagnosticDescriptors.ReturnOutsideModule, context.At(target.Name.Span));
        var settings = BindSettings(context, definition, syntax);
        context.Bound[index] = new BoundAction(index, null, definition, settings, definition.Results, [], context.At(target.Span), IsSynthetic: true);
        return index;
    }

    /// <summary>A module's exits: the names of its Module Return actions ("Next" for an unnamed return), in first-use order.</summary>
    private static ImmutableArray<string> CollectExits(FlowBodySyntax body)
    {
        var exits = new List<string>();
        void Add(ValueSyntax? argument)
        {
            var name = argument is NameValueSyntax n ? n.Name : argument is StringValueSyntax s ? s.Value : "Next";
            if (!exits.Contains(name))
                exits.Add(name);
        }
        void Visit(FlowBodySyntax block)
        {
            foreach (var action in block.Actions)
            {
                if (action.Kind.Text == "return")
                    Add(action.Arguments.FirstOrDefault());
                if (action.NextTarget is { Name.Text: "return" } t)
                    Add(t.Argument);
                foreach (var item in action.Body)
                {
                    var branch = item switch { ConnectionSyntax c => c.Branch, KeyBranchSyntax k => k.Branch, CaseBranchSyntax c => c.Branch, _ => null };
                    if (branch is TargetSyntax { Name.Text: "return" } target)
                        Add(target.Argument);
                    else if (branch is InlineFlowSyntax inline)
                        Visit(inline.Body);
                }
            }
        }
        Visit(body);
        return [.. exits];
    }

    private static string KeyText(ValueSyntax pattern) => pattern switch
    {
        NumberValueSyntax n => n.Text,
        StringValueSyntax s => s.Value,
        VariableValueSyntax { Text: "$" } => "$",
        NameValueSyntax n => n.Name,
        _ => pattern is ErrorValueSyntax ? "" : Describe(pattern),
    };

    private static string CaseText(ValueSyntax test) => test switch
    {
        StringValueSyntax s => s.Value,
        NumberValueSyntax n => n.Text,
        VariableValueSyntax v => v.Text,
        NameValueSyntax n => n.Name,
        _ => "",
    };

    /// <summary>Menu keys (reference §4.6): digits, * and #, ? for any one digit in a sequence; $ and F only alone.</summary>
    internal static bool IsValidKeyPattern(string text) =>
        text is "$" or "F" || (text.Length is > 0 and <= 32 && text.All(c => char.IsAsciiDigit(c) || c is '*' or '#' or '?'));

    private static bool IsIdentifier(string text) => text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
