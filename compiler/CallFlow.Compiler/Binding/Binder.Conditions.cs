using System.Collections.Immutable;
using System.Globalization;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Syntax;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

internal sealed partial class Binder
{
    /// <summary>Voicemail Pro's Calendar element holds up to 255 dates (reference §6.5).</summary>
    public const int CalendarLimit = 255;

    private static readonly string[] Weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly string[] WeekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private ImmutableArray<BoundCondition> BindConditions()
    {
        var bound = _conditions
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new BoundCondition(c.Key, BindCondition(c.Value.Source, c.Value.Syntax.Expression), new SourceLocation(c.Value.Source, c.Value.Syntax.Name.Span)))
            .ToImmutableArray();
        ReportConditionCycles(bound);
        return bound;
    }

    private BoundConditionExpression BindCondition(SourceText source, ConditionExpressionSyntax syntax)
    {
        var at = new SourceLocation(source, syntax.Span);
        switch (syntax)
        {
            case NotConditionSyntax not:
                return new BoundNotCondition(BindCondition(source, not.Operand), at);
            case BinaryConditionSyntax binary:
                return new BoundBinaryCondition(BindCondition(source, binary.Left), binary.Operator.Text == "and", BindCondition(source, binary.Right), at);
            case LiteralConditionSyntax literal:
                return new BoundLiteralCondition(literal.Value, at);
            case ReferenceConditionSyntax reference:
                if (!_conditions.ContainsKey(reference.Name.Text))
                {
                    _diagnostics.Report(DiagnosticDescriptors.UndefinedCondition, source, reference.Name.Span, reference.Name.Text,
                        Suggest(reference.Name.Text, _conditions.Keys, $"declare it: condition {reference.Name.Text} = ..."));
                    return new BoundErrorCondition(at);
                }
                return new BoundReferenceCondition(reference.Name.Text, at);
            case CompareConditionSyntax compare:
                return BindCompare(source, compare, at);
            case FunctionConditionSyntax function:
                return function.Function.Text switch
                {
                    "weekly" => BindWeekly(source, function, at),
                    "calendar" => BindCalendar(source, function, at),
                    var other => ReportUnknownFunction(source, function.Function, other, at),
                };
            default:
                return new BoundErrorCondition(at);
        }
    }

    private BoundConditionExpression ReportUnknownFunction(SourceText source, SyntaxToken function, string name, SourceLocation at)
    {
        _diagnostics.Report(DiagnosticDescriptors.UnknownConditionFunction, source, function.Span, name);
        return new BoundErrorCondition(at);
    }

    private BoundConditionExpression BindCompare(SourceText source, CompareConditionSyntax compare, SourceLocation at)
    {
        BoundValue? Operand(ValueSyntax value)
        {
            var location = new SourceLocation(source, value.Span);
            switch (value)
            {
                case VariableValueSyntax variable when variable.Text != "$":
                    CheckVariableName(location, variable.Text, assign: false);
                    return new BoundVariable(variable.Text, location);
                case StringValueSyntax text:
                    if (text.Value.Length > ValueLimit)
                        _diagnostics.Report(DiagnosticDescriptors.ValueTooLong, location, "the compared text", text.Value.Length, ValueLimit,
                            "Voicemail Pro variables hold at most 512 characters, so a longer text never matches");
                    var variables = ImmutableArray.CreateBuilder<string>();
                    foreach (var (name, offset) in VariableScanner.Scan(text.RawText))
                    {
                        CheckVariableName(new SourceLocation(source, new TextSpan(text.Span.Start + offset, name.Length)), name, assign: false);
                        variables.Add(name);
                    }
                    return new BoundText(text.Value, variables.ToImmutable(), location);
                case NumberValueSyntax number:
                    return new BoundText(number.Text, [], location);
                case ErrorValueSyntax:
                    return null; // a syntax error, already reported
                default:
                    _diagnostics.Report(DiagnosticDescriptors.InvalidComparand, location, $"{Describe(value)} cannot be compared");
                    return null;
            }
        }

        var left = Operand(compare.Left);
        var right = Operand(compare.Right);
        if (left is null || right is null)
            return new BoundErrorCondition(at);
        static bool IsConstant(BoundValue v) => v is BoundText { Variables.IsEmpty: true };
        if (IsConstant(left) && IsConstant(right))
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidComparand, at, "both sides of the comparison are constants, so its result never changes");
            return new BoundErrorCondition(at);
        }
        return new BoundCompareCondition(left, compare.Operator.Text, right, at);
    }

    private BoundConditionExpression BindWeekly(SourceText source, FunctionConditionSyntax function, SourceLocation at)
    {
        var periods = ImmutableArray.CreateBuilder<WeekPeriod>();
        if (function.Items.IsEmpty)
            _diagnostics.Report(DiagnosticDescriptors.MalformedPeriod, source, function.Span, "weekly() has no periods", "write weekly(Mon-Fri 09:00-17:30)");
        foreach (var item in function.Items)
        {
            int? days = null;
            (int Start, int End)? times = null;
            var ok = true;
            foreach (var part in item.Parts)
            {
                if (ParseWeekday(part.Low.Text) is { } low)
                {
                    var high = low;
                    if (part.High is { } h)
                    {
                        if (ParseWeekday(h.Text) is not { } parsed)
                        {
                            _diagnostics.Report(DiagnosticDescriptors.InvalidWeekday, source, h.Span, h.Text);
                            ok = false;
                            continue;
                        }
                        high = parsed;
                    }
                    if (days is not null)
                    {
                        _diagnostics.Report(DiagnosticDescriptors.MalformedPeriod, source, part.Span, "a weekly period has one range of days",
                            "write each period as 'Mon-Fri 09:00-17:30' and separate periods with commas");
                        ok = false;
                        continue;
                    }
                    // Mon-Fri; a wrapping range such as Fri-Mon covers Fri, Sat, Sun, Mon.
                    var set = 0;
                    for (var d = low; ; d = (d + 1) % 7)
                    {
                        set |= 1 << d;
                        if (d == high)
                            break;
                    }
                    days = set;
                }
                else if (part.Low.Text.Contains(':'))
                {
                    var start = ParseTime(part.Low.Text, allow24: false);
                    var end = part.High is { } h ? ParseTime(h.Text, allow24: true) : null;
                    if (start is null)
                        _diagnostics.Report(DiagnosticDescriptors.InvalidTime, source, part.Low.Span, part.Low.Text);
                    if (part.High is null)
                        _diagnostics.Report(DiagnosticDescriptors.MalformedPeriod, source, part.Span, $"time {part.Low.Text} has no end",
                            $"write a range such as {part.Low.Text}-17:30");
                    else if (end is null)
                        _diagnostics.Report(DiagnosticDescriptors.InvalidTime, source, part.High.Span, part.High.Text);
                    if (start is null || end is null)
                    {
                        ok = false;
                        continue;
                    }
                    if (end <= start)
                    {
                        _diagnostics.Report(DiagnosticDescriptors.EmptyRange, source, part.Span, $"{part.Low.Text}-{part.High!.Text}");
                        ok = false;
                        continue;
                    }
                    if (times is not null)
                    {
                        _diagnostics.Report(DiagnosticDescriptors.MalformedPeriod, source, part.Span, "a weekly period has one time range",
                            "write a second period after a comma: weekly(Mon-Fri 08:00-12:00, Mon-Fri 13:00-17:00)");
                        ok = false;
                        continue;
                    }
                    times = (start.Value, end.Value);
                }
                else if (char.IsAsciiLetter(part.Low.Text.FirstOrDefault()))
                {
                    _diagnostics.Report(DiagnosticDescriptors.InvalidWeekday, source, part.Low.Span, part.Low.Text);
                    ok = false;
                }
                else
                {
                    _diagnostics.Report(DiagnosticDescriptors.MalformedPeriod, source, part.Span, $"'{part.Low.Text}' does not belong in weekly()",
                        "weekly() takes days and times, such as Mon-Fri 09:00-17:30; dates go in calendar()");
                    ok = false;
                }
            }
            if (ok)
                periods.Add(new WeekPeriod(days ?? 0x7F, times?.Start ?? 0, times?.End ?? 24 * 60));
        }
        return new BoundWeeklyCondition(periods.ToImmutable(), at);
    }

    private BoundConditionExpression BindCalendar(SourceText source, FunctionConditionSyntax function, SourceLocation at)
    {
        var dates = ImmutableArray.CreateBuilder<(DateOnly, DateOnly)>();
        long total = 0;
        if (function.Items.IsEmpty)
            _diagnostics.Report(DiagnosticDescriptors.MalformedPeriod, source, function.Span, "calendar() has no dates", "write calendar(2026-12-25, 2026-12-26)");
        foreach (var item in function.Items)
        {
            if (item.Parts.Length != 1)
            {
                _diagnostics.Report(DiagnosticDescriptors.MalformedPeriod, source, item.Span, "each calendar entry is one date or one date range",
                    "separate entries with commas: calendar(2026-12-25, 2026-12-31 - 2027-01-01)");
                continue;
            }
            var part = item.Parts[0];
            var from = ParseDate(source, part.Low);
            var to = part.High is { } high ? ParseDate(source, high) : from;
            if (from is null || to is null)
                continue;
            if (to < from)
            {
                _diagnostics.Report(DiagnosticDescriptors.EmptyRange, source, part.Span, $"{part.Low.Text} - {part.High!.Text}");
                continue;
            }
            total += to.Value.DayNumber - from.Value.DayNumber + 1;
            dates.Add((from.Value, to.Value));
        }
        if (total > CalendarLimit)
            _diagnostics.Report(DiagnosticDescriptors.TooManyCalendarDates, source, function.Span, total, CalendarLimit);
        return new BoundCalendarCondition(dates.ToImmutable(), at);
    }

    private DateOnly? ParseDate(SourceText source, SyntaxToken token)
    {
        if (DateOnly.TryParseExact(token.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        _diagnostics.Report(DiagnosticDescriptors.InvalidDate, source, token.Span, token.Text);
        return null;
    }

    /// <summary>Depth-first search for reference cycles, iterative: a chain of 50,000 conditions must not overflow the stack.</summary>
    private void ReportConditionCycles(ImmutableArray<BoundCondition> conditions)
    {
        var byName = conditions.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the path, 2 = done
        var path = new List<string>();
        var pathIndex = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var root in conditions)
        {
            if (state.GetValueOrDefault(root.Name) != 0)
                continue;
            var stack = new Stack<(BoundCondition Condition, IEnumerator<BoundReferenceCondition> References)>();
            Enter(root);
            while (stack.Count > 0)
            {
                var (condition, references) = stack.Peek();
                if (!references.MoveNext())
                {
                    stack.Pop();
                    state[condition.Name] = 2;
                    pathIndex.Remove(condition.Name);
                    path.RemoveAt(path.Count - 1);
                    continue;
                }
                var reference = references.Current;
                if (!byName.TryGetValue(reference.Name, out var target))
                    continue;
                switch (state.GetValueOrDefault(target.Name))
                {
                    case 1:
                        var cycle = path.Skip(pathIndex[target.Name]).Append(target.Name);
                        _diagnostics.Report(DiagnosticDescriptors.ConditionCycle, reference.Location, target.Name, ShortenCycle(cycle));
                        break;
                    case 0:
                        Enter(target);
                        break;
                }
            }

            void Enter(BoundCondition condition)
            {
                state[condition.Name] = 1;
                pathIndex[condition.Name] = path.Count;
                path.Add(condition.Name);
                stack.Push((condition, References(condition.Expression).GetEnumerator()));
            }
        }
    }

    /// <summary>A cycle through thousands of names is shown by its ends.</summary>
    internal static string ShortenCycle(IEnumerable<string> cycle)
    {
        var names = cycle.ToList();
        return names.Count <= 12 ? string.Join(" -> ", names)
            : string.Join(" -> ", names.Take(5)) + $" -> ... ({names.Count - 10} more) -> " + string.Join(" -> ", names.TakeLast(5));
    }

    private static IEnumerable<BoundReferenceCondition> References(BoundConditionExpression expression)
    {
        var pending = new Stack<BoundConditionExpression>();
        pending.Push(expression);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case BoundReferenceCondition reference:
                    yield return reference;
                    break;
                case BoundNotCondition not:
                    pending.Push(not.Operand);
                    break;
                case BoundBinaryCondition binary:
                    pending.Push(binary.Right);
                    pending.Push(binary.Left);
                    break;
            }
        }
    }

    internal static int? ParseWeekday(string text)
    {
        for (var i = 0; i < 7; i++)
        {
            if (string.Equals(text, Weekdays[i], StringComparison.OrdinalIgnoreCase) || string.Equals(text, WeekdayNames[i], StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return null;
    }

    /// <summary>Minutes since midnight for hh:mm; 24:00 only as the end of a range.</summary>
    internal static int? ParseTime(string text, bool allow24)
    {
        var colon = text.IndexOf(':');
        if (colon < 1 || !int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
            return null;
        if (allow24 && hours == 24 && minutes == 0)
            return 24 * 60;
        return hours is >= 0 and < 24 && minutes is >= 0 and < 60 ? hours * 60 + minutes : null;
    }
}
