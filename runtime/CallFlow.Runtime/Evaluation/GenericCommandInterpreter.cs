using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;

namespace CallFlow.Runtime.Evaluation;

/// <summary>
/// Runs the Generic action's free-format command (reference §5, docs/language.md §12) against a call's variables:
/// CPx:, COUNTERn:, INCCOUNTER:, DECCOUNTER:, CLEARCOUNTER:, EVAL: and STRING: change variables; PRIORITY:, FWD:
/// and SAVE: come back as a <see cref="GenericCommandRequest"/> for the VM, since the interpreter does no I/O.
/// </summary>
/// <remarks>
/// <para>The compiler has checked each command's shape, but the values variables hold at run time can be
/// anything, so nothing here throws: a command that cannot be carried out returns
/// <see cref="GenericCommandResult.Failed"/> and changes nothing. An empty command does nothing and succeeds
/// (a Generic action may only play its prompts). Prefixes are case-sensitive, as the compiler checks them.</para>
/// <para><c>CPx:value</c> stores the value with its variables replaced, spaces and all. <c>COUNTERn:value</c> reads
/// the value as a number like every counter write (truncated toward zero, 0 when not a number).
/// INCCOUNTER and DECCOUNTER stop at the ends of the 64-bit range instead of wrapping. EVAL: see
/// <see cref="ArithmeticEvaluator"/>; STRING: see <see cref="StringFunctions"/>. Every stored value is capped at
/// <see cref="CallVariables.MaxValueLength"/> characters.</para>
/// </remarks>
/// <example>
/// <code>
/// GenericCommandInterpreter.Execute("EVAL:$CP0=123/2", variables);          // $CP0 = "61"
/// GenericCommandInterpreter.Execute("STRING:$CP1=mid($CP0,3,3)", variables); // 1-based: "01555364200" → "555"
/// GenericCommandInterpreter.Execute("FWD:201#202##", variables).Request;     // ForwardMessageRequest ["201", "202"]
/// </code>
/// </example>
public static class GenericCommandInterpreter
{
    /// <summary>Runs <paramref name="command"/>, e.g. "CP1:$MONTH" or "EVAL:$CP0=$CP1+$CP2+5".</summary>
    public static GenericCommandResult Execute(string command, CallVariables variables)
    {
        if (string.IsNullOrWhiteSpace(command))
            return GenericCommandResult.Done;
        if (Split(command) is not { } split)
            return GenericCommandResult.Failed($"'{command}' is not a generic command: it has no 'PREFIX:'");
        var (prefix, argument) = split;

        if (Indexed(prefix, "CP") is { } register)
        {
            return register is >= 0 and <= 15
                ? Store(variables, RegisterNames[register], variables.Expand(argument))
                : GenericCommandResult.Failed($"register CP{register} does not exist (CP0 to CP15)");
        }
        if (Indexed(prefix, "COUNTER") is { } counter)
        {
            if (counter is < 1 or > 15)
                return GenericCommandResult.Failed($"counter {counter} does not exist (COUNTER1 to COUNTER15)");
            variables.SetCounter(counter, InvariantNumber.ToInteger(variables.Expand(argument)));
            return GenericCommandResult.Done;
        }

        return prefix switch
        {
            "INCCOUNTER" or "DECCOUNTER" or "CLEARCOUNTER" => ChangeCounter(prefix, argument, variables),
            "EVAL" => Assign(prefix, argument, variables, ArithmeticEvaluator.TryEvaluate),
            "STRING" => Assign(prefix, argument, variables, StringFunctions.TryApply),
            "PRIORITY" => Priority(variables.Expand(argument).Trim()),
            "FWD" => Forward(variables.Expand(argument)),
            "SAVE" => variables.Expand(argument).Trim() is { Length: > 0 } name
                ? GenericCommandResult.Requesting(new SaveRecordingRequest(name))
                : GenericCommandResult.Failed("SAVE: has no name to save the recording under"),
            _ => GenericCommandResult.Failed($"'{prefix}:' is not a generic command"),
        };
    }

    private delegate bool Evaluator(string expression, CallVariables variables, out string result, out string error);

    /// <summary>"$CP0" .. "$CP15", the targets of CPx:.</summary>
    private static readonly string[] RegisterNames = [.. Enumerable.Range(0, 16).Select(i => "$CP" + i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>
    /// The command cut at its first ':' into prefix and argument; null when it has no prefix. A flow runs the same
    /// few commands over and over, so each split is kept (it depends on the text alone) and running a command that
    /// only sets registers and counters allocates nothing.
    /// </summary>
    private static (string Prefix, string Argument)? Split(string command)
    {
        if (SplitCommands.TryGetValue(command, out var split))
            return split;
        var colon = command.IndexOf(':');
        if (colon <= 0)
            return null;
        split = (command[..colon], command[(colon + 1)..]);
        // Bounded: commands come from the program, but a long-running server loads many programs over time.
        if (Interlocked.Increment(ref s_splitCount) > MaxSplitCommands)
        {
            SplitCommands.Clear();
            Interlocked.Exchange(ref s_splitCount, 1);
        }
        SplitCommands.TryAdd(command, split);
        return split;
    }

    private const int MaxSplitCommands = 4096;
    private static readonly ConcurrentDictionary<string, (string Prefix, string Argument)> SplitCommands = new(StringComparer.Ordinal);
    private static int s_splitCount;

    private static GenericCommandResult ChangeCounter(string prefix, string argument, CallVariables variables)
    {
        var reference = CallVariables.Parse(argument.Trim());
        if (reference.Family != VariableFamily.Counter)
            return GenericCommandResult.Failed($"{prefix}: needs a counter ($COUNTER1 to $COUNTER15), not '{argument.Trim()}'");
        var value = variables.GetCounter(reference.Index);
        variables.SetCounter(reference.Index, prefix switch
        {
            "INCCOUNTER" => value == long.MaxValue ? value : value + 1,
            "DECCOUNTER" => value == long.MinValue ? value : value - 1,
            _ => 0,
        });
        return GenericCommandResult.Done;
    }

    private static GenericCommandResult Assign(string prefix, string argument, CallVariables variables, Evaluator evaluate)
    {
        var equals = argument.IndexOf('=');
        var target = equals > 0 ? argument[..equals].Trim() : "";
        if (!target.StartsWith('$') || target.Length < 2)
            return GenericCommandResult.Failed($"{prefix}: has no '$Variable=' target");
        return evaluate(argument[(equals + 1)..], variables, out var result, out var error)
            ? Store(variables, target, result)
            : GenericCommandResult.Failed($"{prefix}: {error}");
    }

    private static GenericCommandResult Store(CallVariables variables, string target, string value) => variables.Set(target, value) switch
    {
        SetVariableResult.ReadOnly => GenericCommandResult.Failed($"{target} cannot be assigned by a flow"),
        SetVariableResult.UnknownVariable => GenericCommandResult.Failed($"{target} is not a call variable"),
        _ => GenericCommandResult.Done, // Stored, or Truncated to 512 characters as Voicemail Pro does
    };

    private static GenericCommandResult Priority(string value) =>
        InvariantNumber.TryParse(value, out var number) && number is 1 or 2 or 3
            ? GenericCommandResult.Requesting(new ChangePriorityRequest((int)number))
            : GenericCommandResult.Failed($"PRIORITY: '{value}' is not a priority (1 low, 2 medium, 3 high)");

    // FWD:201#202#203## (reference §5): mailboxes separated by '#', the list closed by "##".
    private static GenericCommandResult Forward(string list)
    {
        var body = list.Trim();
        if (!body.EndsWith("##", StringComparison.Ordinal) || body.Length == 2)
            return GenericCommandResult.Failed("FWD: must list mailboxes separated by '#' and end with '##'");
        var mailboxes = body[..^2].Split('#').Select(m => m.Trim()).ToImmutableArray();
        return mailboxes.Any(m => m.Length == 0)
            ? GenericCommandResult.Failed("FWD: has an empty mailbox between two '#'")
            : GenericCommandResult.Requesting(new ForwardMessageRequest(mailboxes));
    }

    /// <summary>The number after <paramref name="head"/> in "CP12" or "COUNTER3"; null when the prefix is not of that form.</summary>
    private static int? Indexed(string prefix, string head)
    {
        // At most three digits, as the compiler reads them, so "CP0001" is no register and nothing overflows.
        if (!prefix.StartsWith(head, StringComparison.Ordinal) || prefix.Length == head.Length || prefix.Length > head.Length + 3)
            return null;
        return int.TryParse(prefix.AsSpan(head.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }
}
