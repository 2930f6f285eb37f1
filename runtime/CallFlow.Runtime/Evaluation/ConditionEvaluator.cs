using System.Globalization;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Evaluation;

/// <summary>
/// Evaluates a named condition of a loaded program (docs/vmp-format.md, "Condition nodes"): Voicemail Pro's Week
/// Planner (Weekly), Calendar, Compare and Condition (Reference) elements combined with And, Or and Not.
/// </summary>
/// <remarks>
/// <para><b>Time.</b> Weekly and Calendar look at the local date and time of <c>now</c> in <c>zone</c>, the voicemail
/// server's configured zone (docs/language.md §15), taken from the caller and never from the machine. A period
/// includes its start minute and excludes its end (<c>09:00-17:30</c> holds at 09:00 and 17:29:59, not at 17:30);
/// seconds do not count. Across a daylight-saving change the local wall clock is what counts: a local time that
/// the change skips never occurs, and one it repeats matches twice.</para>
/// <para><b>Compare</b> reads each side as text (variables replaced in Text values, a Variable value read by
/// name) and compares numerically when both sides are invariant decimal numbers ("10" &gt; "9", "10" == "10.0"),
/// otherwise ordinally, character code by character code ("abc" &lt; "abd", "B" &lt; "a").</para>
/// <para><b>References</b> are followed with an explicit stack, never by recursion, and each referenced
/// condition is evaluated at most once per call of <see cref="Evaluate(VmpProgram, int, CallVariables, DateTimeOffset, TimeZoneInfo)"/>,
/// so deep or shared references cost nothing extra. The loader (VF5011) guarantees the references are acyclic
/// and the postfix runs well-formed; a program that breaks that throws <see cref="InvalidOperationException"/>
/// instead of looping or answering wrongly.</para>
/// </remarks>
/// <example><c>ConditionEvaluator.Evaluate(program, conditionIndex, variables, now, zone)</c></example>
public static class ConditionEvaluator
{
    /// <summary>Evaluates condition <paramref name="condition"/> at the call's current time (<see cref="CallVariables.Now"/> in <see cref="CallVariables.Zone"/>).</summary>
    public static bool Evaluate(VmpProgram program, int condition, CallVariables variables) =>
        Evaluate(program, condition, variables, variables.Now, variables.Zone);

    /// <summary>Evaluates condition <paramref name="condition"/> (an index into <see cref="VmpProgram.Conditions"/>) at <paramref name="now"/> in <paramref name="zone"/>.</summary>
    /// <remarks>
    /// <paramref name="now"/> and <paramref name="zone"/> decide Weekly and Calendar. Date and time variables named in a
    /// Compare ($DAY, $HOUR, ...) are read from <paramref name="variables"/>, that is at <see cref="CallVariables.Now"/>
    /// in <see cref="CallVariables.Zone"/>; pass those same values (or use the overload without them) so that both
    /// agree. The explicit form exists for tools that ask "what would this condition say at 09:00 on Monday?".
    /// </remarks>
    public static bool Evaluate(VmpProgram program, int condition, CallVariables variables, DateTimeOffset now, TimeZoneInfo zone)
    {
        CheckIndex(program.Conditions.Length, condition, "condition");
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var moment = new LocalMoment(
            Weekday: ((int)local.DayOfWeek + 6) % 7, // bit 0 is Monday; DayOfWeek counts from Sunday
            Minute: local.Hour * 60 + local.Minute,
            DayNumber: DateOnly.FromDateTime(local.DateTime).DayNumber);

        // The stacks and the state table are this thread's, kept from one evaluation to the next: a test in the
        // instruction loop allocates nothing. Taken while in use, so a nested evaluation would get its own.
        var scratch = t_scratch ?? new Scratch();
        t_scratch = null;
        var states = scratch.Begin(program.Conditions.Length);
        var frames = scratch.Frames;
        var results = scratch.Results;
        frames.Push((condition, 0, 0));
        states.Set(condition, 1);

        while (frames.Count > 0)
        {
            var (current, next, depth) = frames.Pop();
            var definition = program.Conditions[current];
            if (next == definition.NodeCount)
            {
                if (results.Count != depth + 1)
                    throw Malformed(program, current, "does not leave exactly one result");
                states.Set(current, results.Peek() ? (byte)3 : (byte)2);
                continue;
            }

            CheckIndex(program.ConditionNodes.Length, definition.FirstNode + (long)next, "condition node");
            var node = program.ConditionNodes[definition.FirstNode + next];
            if ((ConditionOp)node.Op == ConditionOp.Reference)
            {
                CheckIndex(program.Conditions.Length, node.A, "referenced condition");
                switch (states.Get(node.A))
                {
                    case 1:
                        throw Malformed(program, current, "refers to itself through its references");
                    case 0:
                        // Come back to the next node once the referenced condition has left its result.
                        frames.Push((current, next + 1, depth));
                        frames.Push((node.A, 0, results.Count));
                        states.Set(node.A, 1);
                        continue;
                    default:
                        results.Push(states.Get(node.A) == 3);
                        break;
                }
            }
            else
            {
                Apply(program, current, node, results, depth, variables, moment);
            }
            frames.Push((current, next + 1, depth));
        }
        var result = results.Pop();
        // Only a finished evaluation gives its scratch back; after an exception the next one starts afresh.
        t_scratch = scratch;
        return result;
    }

    private readonly record struct LocalMoment(int Weekday, int Minute, int DayNumber);

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>One thread's working storage for <see cref="Evaluate(VmpProgram, int, CallVariables, DateTimeOffset, TimeZoneInfo)"/>.</summary>
    private sealed class Scratch
    {
        // A condition's state is valid only when its stamp is the current evaluation's: starting an evaluation
        // clears the table in O(1), however many conditions the program has.
        private byte[] _states = [];
        private int[] _stamps = [];
        private int _stamp;

        public Stack<(int Condition, int Next, int Base)> Frames { get; } = new();
        public Stack<bool> Results { get; } = new();

        /// <summary>Empties the stacks and the state table (every condition "not evaluated yet").</summary>
        public Scratch Begin(int conditions)
        {
            Frames.Clear();
            Results.Clear();
            if (_states.Length < conditions)
            {
                _states = new byte[conditions];
                _stamps = new int[conditions];
                _stamp = 0;
            }
            if (_stamp == int.MaxValue)
            {
                Array.Clear(_stamps);
                _stamp = 0;
            }
            _stamp++;
            return this;
        }

        /// <summary>0: not evaluated yet, 1: in progress (on the frame stack), 2: false, 3: true.</summary>
        public byte Get(int condition) => _stamps[condition] == _stamp ? _states[condition] : (byte)0;

        public void Set(int condition, byte state)
        {
            _stamps[condition] = _stamp;
            _states[condition] = state;
        }
    }

    private static void Apply(VmpProgram program, int condition, Node node, Stack<bool> results, int depth,
        CallVariables variables, LocalMoment moment)
    {
        bool Pop() => results.Count > depth ? results.Pop() : throw Malformed(program, condition, "pops more results than it pushed");
        switch ((ConditionOp)node.Op)
        {
            case ConditionOp.True:
                results.Push(true);
                break;
            case ConditionOp.False:
                results.Push(false);
                break;
            case ConditionOp.Not:
                results.Push(!Pop());
                break;
            case ConditionOp.And:
            {
                var right = Pop();
                results.Push(Pop() && right);
                break;
            }
            case ConditionOp.Or:
            {
                var right = Pop();
                results.Push(Pop() || right);
                break;
            }
            case ConditionOp.Compare:
                results.Push(Compare(program, node, variables));
                break;
            case ConditionOp.Weekly:
            {
                // Periods in order, the first that holds decides; a value of the wrong kind throws when it is reached.
                var any = false;
                for (var i = ValuesStart(program, node); !any && i < node.A + node.B; i++)
                    any = InPeriod(ValueOfKind(program, i, VmpValueKind.WeekPeriod).Payload, moment);
                results.Push(any);
                break;
            }
            case ConditionOp.Calendar:
            {
                var any = false;
                for (var i = ValuesStart(program, node); !any && i < node.A + node.B; i++)
                    any = InRange(ValueOfKind(program, i, VmpValueKind.DateRange).Payload, moment.DayNumber);
                results.Push(any);
                break;
            }
            default:
                throw Malformed(program, condition, $"has an unknown node {node.Op}");
        }
    }

    /// <summary>WeekPeriod payload: days bit set &lt;&lt; 32 | start minute &lt;&lt; 16 | end minute, end exclusive.</summary>
    private static bool InPeriod(long payload, LocalMoment moment)
    {
        var days = (int)(payload >> 32);
        var start = (int)((payload >> 16) & 0xFFFF);
        var end = (int)(payload & 0xFFFF);
        // A period never wraps past midnight (the language writes that as two periods), so start >= end is empty.
        return (days & (1 << moment.Weekday)) != 0 && moment.Minute >= start && moment.Minute < end;
    }

    /// <summary>DateRange payload: first DayNumber &lt;&lt; 32 | last DayNumber, both inclusive.</summary>
    private static bool InRange(long payload, int dayNumber) =>
        dayNumber >= (int)(payload >> 32) && dayNumber <= (int)(uint)payload;

    /// <summary>
    /// A Compare node: the same as <c>Compare(Text(left), Text(right), op)</c>, but a side that is a number as it stands
    /// (an Integer value, or a counter) is not turned into text unless the other side is not a number, and no side is
    /// read as a number twice.
    /// </summary>
    private static bool Compare(VmpProgram program, Node node, CallVariables variables)
    {
        var op = (CompareOperator)node.C;
        string? right = null;
        if (Side(program, node.A, variables, out var a, out var left) && Side(program, node.B, variables, out var b, out right))
            return Decide(a.CompareTo(b), op);
        // One side is not a number, so the comparison is ordinal. Both sides are still read, in order, as Text would.
        left ??= Text(program, node.A, variables);
        right ??= Text(program, node.B, variables);
        return Decide(string.CompareOrdinal(left, right), op);
    }

    /// <summary>
    /// One side of a comparison: true with its number when it reads as one; otherwise false with its text. The text
    /// may also come back null when the side is a number, for the caller to make when it needs it.
    /// </summary>
    private static bool Side(VmpProgram program, int valueIndex, CallVariables variables, out decimal number, out string? text)
    {
        CheckIndex(program.Values.Length, valueIndex, "value");
        var value = program.Values[valueIndex];
        text = null;
        switch (value.Kind)
        {
            case VmpValueKind.Integer:
                number = value.Payload;
                return true;
            case VmpValueKind.Variable when variables.TryGetCounter(String(program, value.Payload), out var counter):
                number = counter;
                return true;
            default:
                text = Text(program, valueIndex, variables);
                return InvariantNumber.TryParse(text, out number);
        }
    }

    /// <summary>The numeric or ordinal comparison; numeric only when both sides are numbers.</summary>
    internal static bool Compare(string left, string right, CompareOperator op)
    {
        var order = InvariantNumber.TryParse(left, out var a) && InvariantNumber.TryParse(right, out var b)
            ? a.CompareTo(b)
            : string.CompareOrdinal(left, right);
        return Decide(order, op);
    }

    private static bool Decide(int order, CompareOperator op)
    {
        return op switch
        {
            CompareOperator.Equal => order == 0,
            CompareOperator.NotEqual => order != 0,
            CompareOperator.Less => order < 0,
            CompareOperator.Greater => order > 0,
            CompareOperator.LessOrEqual => order <= 0,
            CompareOperator.GreaterOrEqual => order >= 0,
            _ => throw new InvalidOperationException($"unknown compare operator {(int)op}"),
        };
    }

    private static string Text(VmpProgram program, int valueIndex, CallVariables variables)
    {
        CheckIndex(program.Values.Length, valueIndex, "value");
        var value = program.Values[valueIndex];
        return value.Kind switch
        {
            VmpValueKind.Text or VmpValueKind.Mailbox => variables.Expand(String(program, value.Payload)),
            VmpValueKind.Variable => variables.Get(String(program, value.Payload)),
            VmpValueKind.Name => String(program, value.Payload),
            VmpValueKind.Integer => value.Payload.ToString(CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"a {value.Kind} value cannot be compared"),
        };
    }

    /// <summary>The first of the node's run of values (A: first, B: count), after checking the run lies inside the program.</summary>
    private static int ValuesStart(VmpProgram program, Node node)
    {
        if (node.A < 0 || node.B < 0 || node.A + (long)node.B > program.Values.Length)
            throw new InvalidOperationException($"values {node.A}..{node.A + (long)node.B - 1} are outside the program's {program.Values.Length}");
        return node.A;
    }

    private static VmpValue ValueOfKind(VmpProgram program, int index, VmpValueKind kind)
    {
        var value = program.Values[index];
        return value.Kind == kind ? value : throw new InvalidOperationException($"value {index} is a {value.Kind}, not a {kind}");
    }

    private static string String(VmpProgram program, long index)
    {
        CheckIndex(program.Strings.Length, index, "string");
        return program.Strings[(int)index];
    }

    private static void CheckIndex(int count, long index, string what)
    {
        if (index < 0 || index >= count)
            throw new InvalidOperationException($"{what} {index} is outside the program's {count}");
    }

    private static InvalidOperationException Malformed(VmpProgram program, int condition, string problem)
    {
        var name = program.Conditions[condition].Name is var n && n >= 0 && n < program.Strings.Length ? program.Strings[n] : "?";
        return new InvalidOperationException($"condition '{name}' {problem}; a loaded program never does (VF5011)");
    }
}
