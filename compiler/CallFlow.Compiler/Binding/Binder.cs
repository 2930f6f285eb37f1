using System.Collections.Immutable;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Syntax;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>
/// Resolves the names of all files together (one set of sources is one root.vmp) and checks every setting,
/// connection and condition. Unknown names bind to error placeholders so one mistake reports once.
/// Split by concern: declarations here, flows in Binder.Flows.cs, values in Binder.Values.cs, conditions in
/// Binder.Conditions.cs.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>Voicemail Pro's incoming call route field holds 15 characters, so "VM:" + a directly run module name fits 12.</summary>
    public const int DirectModuleNameLimit = 12;
    public const int NameLimit = 31;
    public const int MailboxNameLimit = 15;

    private static readonly Dictionary<string, string[]> StartKinds = new(StringComparer.Ordinal)
    {
        ["default"] = ["collect", "leave", "callback", "queued", "still_queued"],
        ["user"] = ["collect", "leave", "callback", "queued", "still_queued"],
        ["group"] = ["collect", "leave", "queued", "still_queued"],
        ["shortcode"] = [],
        ["campaign"] = ["leave", "collect"],
    };

    private static readonly char[] ForbiddenInMailboxNames = ['\\', '/', ':', '*', '?', '"', '<', '>', '|'];

    /// <summary>
    /// "Did you mean" compares a name with every candidate; a file with thousands of undefined names would make that
    /// quadratic, so only the first few hundred get a suggestion and the rest the plain hint.
    /// </summary>
    private int _suggestionBudget = 256;

    private string Suggest(string name, IEnumerable<string> candidates, string fallback) =>
        _suggestionBudget-- > 0 ? Suggestions.Hint(name, candidates, fallback) : fallback;

    private string? SuggestClosest(string name, IEnumerable<string> candidates) =>
        _suggestionBudget-- > 0 ? Suggestions.Closest(name, candidates) : null;

    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, (ModuleSyntax Syntax, SourceText Source)> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableArray<string>> _moduleExits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ConditionDeclarationSyntax Syntax, SourceText Source)> _conditions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (UserVariableSyntax Syntax, SourceText Source)> _userVariables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (StartPointSyntax Syntax, SourceText Source, string Display, bool IsQueue)> _startPoints = new(StringComparer.Ordinal);

    private Binder(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

    public static BoundProgram Bind(ImmutableArray<CompilationUnitSyntax> units, DiagnosticBag diagnostics) =>
        new Binder(diagnostics).BindProgram(units);

    private BoundProgram BindProgram(ImmutableArray<CompilationUnitSyntax> units)
    {
        foreach (var unit in units)
        {
            foreach (var declaration in unit.Declarations)
                Declare(unit.Source, declaration);
        }

        foreach (var (name, module) in _modules)
            _moduleExits[name] = CollectExits(module.Syntax.Body);

        var userVariables = _userVariables
            .OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => BindUserVariable(v.Key, v.Value.Syntax, v.Value.Source))
            .ToImmutableArray();
        var conditions = BindConditions();

        var flows = ImmutableArray.CreateBuilder<BoundFlow>();
        foreach (var (address, start) in _startPoints.OrderBy(s => s.Key, StringComparer.Ordinal))
            flows.Add(BindFlow(FlowKind.StartPoint, address, start.Display, start.IsQueue, false, start.Syntax.Body, start.Source, start.Syntax.Span));
        foreach (var (name, module) in _modules.OrderBy(m => m.Key, StringComparer.Ordinal))
            flows.Add(BindFlow(FlowKind.Module, name, $"module {name}", false, module.Syntax.IsDirect, module.Syntax.Body, module.Source, module.Syntax.Span));

        ReportCaseOnlyDifferences(flows);
        return new BoundProgram(flows.ToImmutable(), conditions, userVariables);
    }

    private void Declare(SourceText source, DeclarationSyntax declaration)
    {
        switch (declaration)
        {
            case StartPointSyntax start:
                DeclareStartPoint(source, start);
                break;
            case ModuleSyntax module when module.Name.Text.Length > 0:
                if (!_modules.TryAdd(module.Name.Text, (module, source)))
                    _diagnostics.Report(DiagnosticDescriptors.DuplicateModule, source, module.Name.Span, module.Name.Text);
                CheckNameLength(source, module.Name, "module name", module.IsDirect ? DirectModuleNameLimit : NameLimit,
                    module.IsDirect ? "a module run directly (VM:Name) may have at most 12 characters; shorten it or drop 'direct'" : "shorten the name");
                break;
            case ConditionDeclarationSyntax condition when condition.Name.Text.Length > 0:
                if (!_conditions.TryAdd(condition.Name.Text, (condition, source)))
                    _diagnostics.Report(DiagnosticDescriptors.DuplicateCondition, source, condition.Name.Span, condition.Name.Text);
                break;
            case UserVariableSyntax variable when variable.Name.Text.Length > 0:
                if (!_userVariables.TryAdd(variable.Name.Text, (variable, source)))
                    _diagnostics.Report(DiagnosticDescriptors.DuplicateUserVariable, source, variable.Name.Span, variable.Name.Text);
                break;
        }
    }

    private void DeclareStartPoint(SourceText source, StartPointSyntax start)
    {
        var owner = start.Owner.Text;
        if (owner.Length == 0)
            return;
        if (!StartKinds.TryGetValue(owner, out var kinds))
        {
            _diagnostics.Report(DiagnosticDescriptors.UnknownStartOwner, source, start.Owner.Span, owner);
            return;
        }

        var kind = start.Kind?.Text;
        if (kinds.Length == 0 && kind is not null)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidStartKind, source, start.Kind!.Span, owner, kind, "(none: write start shortcode \"*88\" { ... })");
            return;
        }
        if (kinds.Length > 0 && (kind is null || !kinds.Contains(kind)))
        {
            var span = start.Kind?.Span ?? start.Owner.Span;
            _diagnostics.Report(DiagnosticDescriptors.InvalidStartKind, source, span, owner, kind ?? "(missing)", string.Join(", ", kinds));
            return;
        }

        string? name = null;
        if (owner is "user" or "group" or "shortcode" or "campaign")
        {
            if (start.Name is null)
            {
                _diagnostics.Report(DiagnosticDescriptors.SyntaxError, source, start.Owner.Span,
                    $"'start {owner}' without a name", "a quoted name", $"write start {owner} \"Name\" {kind ?? ""} {{ ... }}");
                return;
            }
            name = start.Name.Value;
            if (owner is "user" or "group")
                ValidateMailboxName(source, start.Name, name);
            else if (name.Trim().Length == 0)
                _diagnostics.Report(DiagnosticDescriptors.EmptyName, source, start.Name.Span, owner, owner == "shortcode" ? "\"*88\"" : "\"Catalogue\"");
            else if (name.Length > NameLimit)
                _diagnostics.Report(DiagnosticDescriptors.NameTooLong, source, start.Name.Span, $"{owner} name", name, name.Length, NameLimit, "use a shorter name");
        }
        else if (start.Name is not null)
        {
            _diagnostics.Report(DiagnosticDescriptors.SyntaxError, source, start.Name.Span,
                "a name after 'start default'", "a start point kind", "default start points have no name: write start default leave { ... }");
        }

        var address = StartPointAddress(owner, name, kind);
        var display = owner switch
        {
            "default" => $"start default {kind}",
            "shortcode" => $"start shortcode \"{name}\"",
            _ => $"start {owner} \"{name}\" {kind}",
        };
        var isQueue = kind is "queued" or "still_queued";
        if (!_startPoints.TryAdd(address, (start, source, display, isQueue)))
            _diagnostics.Report(DiagnosticDescriptors.DuplicateStartPoint, source, start.Span.Start < start.Body.Span.Start
                ? TextSpan.FromBounds(start.Span.Start, start.Body.Span.Start) : start.Span, display);
    }

    /// <summary>The Voicemail Pro address of a start point, as a goto target or VM: destination uses it.</summary>
    internal static string StartPointAddress(string owner, string? name, string? kind)
    {
        static string Kind(string? k) => k switch
        {
            "collect" => "Collect",
            "leave" => "Leave",
            "callback" => "Callback",
            "queued" => "Queued",
            "still_queued" => "Still Queued",
            _ => k ?? "",
        };
        return owner switch
        {
            "default" => $"Default.{Kind(kind)}",
            "shortcode" => $"Short Codes.{name}",
            "campaign" => kind == "collect" ? $"{name}.Collect" : name ?? "",
            _ => $"{name}.{Kind(kind)}",
        };
    }

    private void ValidateMailboxName(SourceText source, StringValueSyntax syntax, string name)
    {
        string? problem = null;
        string hint = "mailbox names are the IP Office user or hunt group Name, matched case-sensitively";
        if (name.Length == 0)
            problem = "it is empty";
        else if (name.EndsWith(' '))
        {
            problem = "it ends with a space";
            hint = $"Voicemail Pro drops trailing spaces from mailbox names, so \"{name}\" would never match; write \"{name.TrimEnd()}\"";
        }
        else if (name.StartsWith(' '))
            problem = "it starts with a space";
        else if (name.IndexOfAny(ForbiddenInMailboxNames) is var at and >= 0 || (at = name.AsSpan().IndexOfAnyInRange('\u0000', '\u001F')) >= 0 || (at = name.IndexOf('\u007F')) >= 0)
        {
            var bad = name[at];
            problem = $"it contains '{(char.IsControl(bad) ? $"\\u{(int)bad:X4}" : bad.ToString())}'";
            hint = "mailbox names become folder names; leave out \\ / : * ? \" < > | and control characters";
        }
        if (problem is not null)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidMailboxName, source, syntax.Span, name, problem, hint);
            return;
        }
        if (name.Length > MailboxNameLimit)
            _diagnostics.Report(DiagnosticDescriptors.NameTooLong, source, syntax.Span, "mailbox name", name, name.Length, MailboxNameLimit,
                "IP Office user and hunt group names have at most 15 characters");
    }

    private void CheckNameLength(SourceText source, SyntaxToken name, string what, int limit, string hint)
    {
        if (name.Text.Length > limit)
            _diagnostics.Report(DiagnosticDescriptors.NameTooLong, source, name.Span, what, name.Text, name.Text.Length, limit, hint);
    }

    private BoundUserVariable BindUserVariable(string name, UserVariableSyntax syntax, SourceText source)
    {
        var initial = "";
        switch (syntax.InitialValue)
        {
            case null:
                break;
            case StringValueSyntax s:
                initial = s.Value;
                break;
            case NumberValueSyntax n:
                initial = n.Text;
                break;
            case var other:
                _diagnostics.Report(DiagnosticDescriptors.WrongValueType, source, other.Span, "uservar", "a string or number", Describe(other), "\"0\"");
                break;
        }
        if (initial.Length > 512)
            _diagnostics.Report(DiagnosticDescriptors.ValueTooLong, source, syntax.InitialValue!.Span, "the initial value", initial.Length, 512,
                "Voicemail Pro variables hold at most 512 characters");
        return new BoundUserVariable(name, initial, new SourceLocation(source, syntax.Name.Span));
    }

    /// <summary>Voicemail Pro matches names case-sensitively (reference §1); names that differ only in case are almost always a slip.</summary>
    private void ReportCaseOnlyDifferences(IEnumerable<BoundFlow> flows)
    {
        foreach (var group in flows.GroupBy(f => f.Name.ToUpperInvariant()).Where(g => g.Count() > 1))
        {
            var ordered = group.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
            for (var i = 1; i < ordered.Count; i++)
                _diagnostics.Report(DiagnosticDescriptors.NamesDifferOnlyInCase, ordered[i].Location, ordered[0].Name, ordered[i].Name);
        }
    }
}
