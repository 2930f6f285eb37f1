using System.Collections.Immutable;
using System.Globalization;
using CallFlow.Runtime.Evaluation;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Vm;

public sealed partial class Machine
{
    /// <summary>Runs the Action instruction at the call's pc. Returns the step to return when the call waits or ends,
    /// or null when it moved on to another instruction.</summary>
    private Step? RunAction(CallState call, Node node)
    {
        var name = Code.Strings[node.A];
        var record = node.B;
        var table = node.C;
        switch (name)
        {
            case "menu":
                if (call.HungUpAt is not null)
                    return Take(call, table, "Timeout");
                call.Waiting = Waiting.MenuKeys;
                var menu = program.Table(table);
                return Step.Suspend(new CollectDigitsEffect(menu.MenuMaxDigits, Duration(record, "timeout", 5000), Duration(record, "sequence_end", 5000),
                    TakeTypeAhead(call), menu.MenuHasFax) { Keys = menu.MenuKeys });

            case "speak_text":
                if (call.HungUpAt is not null)
                    return Take(call, table, "Next");
                call.Waiting = Waiting.Speech;
                var language = program.Setting(record, "language");
                return Step.Suspend(new SpeakEffect(call.Variables.Expand(Text(call, record, "text")), language.IsEmpty ? call.Language : Render(call, language[0])));

            case "generic":
            {
                var command = program.Setting(record, "command");
                if (!command.IsEmpty)
                {
                    var result = GenericCommandInterpreter.Execute(Code.Strings[(int)command[0].Payload], call.Variables);
                    if (result.Request is { } request)
                    {
                        // FWD:, PRIORITY: and SAVE: need the stores or the PBX: the host performs them.
                        call.Waiting = Waiting.Request;
                        return Step.Suspend(new RequestEffect("generic", Settings(call, record).Add("request", request.ToString() ?? ""), NextOnly));
                    }
                }
                return Take(call, table, "Next");
            }

            case "increment_and_test_counter" or "decrement_and_test_counter":
            {
                var counter = (int)program.Setting(record, "counter")[0].Payload;
                var value = call.Variables.GetCounter(counter) + (name.StartsWith("increment", StringComparison.Ordinal) ? 1 : -1);
                call.Variables.SetCounter(counter, value);
                var target = Integer(call, record, "value");
                return Take(call, table, value == target ? "True" : "False");
            }

            case "set_user_variable":
                call.Variables.Users.Set(Text(call, record, "variable"), Text(call, record, "value"));
                return Take(call, table, "Next");

            case "test_user_variable":
                return Take(call, table, call.Variables.Users.Get(Text(call, record, "variable")) == Text(call, record, "value") ? "True" : "False");

            case "select_system_prompt_language":
                call.Language = Text(call, record, "language");
                call.Variables.SetSystem("$LOC", call.Language);
                return Take(call, table, "Next");

            case "test_variable":
                call.Stage = 0;
                return TestVariable(call, record, table);

            case "clock":
                return Clock(call, record, table);

            case "alarm_set":
                call.Stage = 0;
                return AlarmSet(call, record, table);

            default:
                // Mailbox, telephony, e-mail, database and the other actions that need a channel or a store.
                // Keys typed ahead belong to the prompts of this action, not to a later menu: the host gets them.
                call.Waiting = Waiting.Request;
                return Step.Suspend(new RequestEffect(name, Settings(call, record), program.Table(table).Names)
                {
                    TypedAhead = TakeTypeAhead(call),
                });
        }
    }

    /// <summary>Test Variable: cases top-down, first match wins; extension, hunt_group and mailbox ask the host's directory.</summary>
    private Step? TestVariable(CallState call, int record, int table)
    {
        var value = Text(call, record, "variable");
        var results = program.Table(table);
        if (results.CasesNeedDirectory)
        {
            call.Waiting = Waiting.Request;
            return Step.Suspend(new RequestEffect("test_variable", ImmutableSortedDictionary<string, string>.Empty.Add("value", value), results.Names));
        }
        foreach (var test in results.Cases)
        {
            var expected = test.StartsWith('$') ? call.Variables.Get(test) : test;
            if (value == expected)
                return Take(call, table, test);
        }
        return NoMatch(call, record, table);
    }

    /// <summary>Nothing matched. On $KEY the caller gets one more chance: new digits within the timeout are tested
    /// again (Voicemail Pro's "Timeout after"); none at all takes Timeout.</summary>
    private Step? NoMatch(CallState call, int record, int table)
    {
        if (call.Stage == 0 && TestsKey(record) && call.HungUpAt is null)
        {
            call.Stage = 1;
            call.Waiting = Waiting.VariableDigits;
            return Step.Suspend(new CollectDigitsEffect(32, Duration(record, "timeout", 5000), TimeSpan.FromSeconds(5), TakeTypeAhead(call), false));
        }
        call.Stage = 0;
        return Take(call, table, "NoMatch");
    }

    private bool TestsKey(int record)
    {
        var variable = program.Setting(record, "variable");
        return !variable.IsEmpty && variable[0].Kind == VmpValueKind.Variable && Code.Strings[(int)variable[0].Payload] is "$KEY" or "KEY";
    }

    private static readonly ImmutableArray<string> NextOnly = ["Next"];

    /// <summary>Voicemail Pro's key matching: exact keys and '?' (any one digit) first; '$' takes anything else.</summary>
    internal static string? MatchKey(ReadOnlySpan<string> keys, string digits)
    {
        foreach (var key in keys)
        {
            if (key is not ("$" or "F") && KeyMatches(key, digits))
                return key;
        }
        return digits.Length > 0 && keys.Contains("$") ? "$" : null;
    }

    /// <summary>Whether <paramref name="key"/> ("4?", "12", "#") matches <paramref name="digits"/> exactly, '?' taking any one digit.</summary>
    internal static bool KeyMatches(ReadOnlySpan<char> key, string digits)
    {
        if (key.Length != digits.Length)
            return false;
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] != digits[i] && !(key[i] == '?' && char.IsAsciiDigit(digits[i])))
                return false;
        }
        return true;
    }

    private TimeSpan Duration(int record, string name, long defaultMilliseconds)
    {
        var values = program.Setting(record, name);
        return TimeSpan.FromMilliseconds(values.IsEmpty ? defaultMilliseconds : values[0].Payload);
    }

    private long Number(int record, string name, long defaultValue)
    {
        var values = program.Setting(record, name);
        return values.IsEmpty ? defaultValue : values[0].Payload;
    }

    private string Text(CallState call, int record, string name)
    {
        var values = program.Setting(record, name);
        return values.IsEmpty ? "" : Render(call, values[0]);
    }

    /// <summary>
    /// A setting read as a whole number the way <c>InvariantNumber.ToInteger(Text(...))</c> reads it (0 when absent or
    /// not a number), without making text of an Integer value or a counter variable first.
    /// </summary>
    private long Integer(CallState call, int record, string name)
    {
        var values = program.Setting(record, name);
        if (values.IsEmpty)
            return 0;
        var value = values[0];
        if (value.Kind == VmpValueKind.Integer)
            return value.Payload;
        if (value.Kind == VmpValueKind.Variable && call.Variables.TryGetCounter(Code.Strings[(int)value.Payload], out var counter))
            return counter;
        return InvariantNumber.ToInteger(Render(call, value));
    }

    /// <summary>Every setting of an action as text, call variables replaced, for the host to act on.</summary>
    private ImmutableSortedDictionary<string, string> Settings(CallState call, int record)
    {
        var settings = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var setting in Code.Records[record])
        {
            var values = Code.Values.AsSpan().Slice(setting.FirstValue, setting.ValueCount);
            string text;
            if (values.Length == 1)
                text = Render(call, values[0]);
            else
            {
                var rendered = new string[values.Length];
                for (var i = 0; i < values.Length; i++)
                    rendered[i] = Render(call, values[i]);
                text = string.Join(", ", rendered);
            }
            settings[Code.Strings[setting.Name]] = text;
        }
        return settings.ToImmutable();
    }

    private string Render(CallState call, VmpValue value) => value.Kind switch
    {
        VmpValueKind.Text or VmpValueKind.Mailbox => call.Variables.Expand(Code.Strings[(int)value.Payload]),
        VmpValueKind.Variable => call.Variables.Get(Code.Strings[(int)value.Payload]),
        VmpValueKind.Name => Code.Strings[(int)value.Payload],
        VmpValueKind.Integer => value.Payload.ToString(CultureInfo.InvariantCulture),
        VmpValueKind.Duration => value.Payload.ToString(CultureInfo.InvariantCulture) + "ms",
        VmpValueKind.Boolean => value.Payload != 0 ? "true" : "false",
        VmpValueKind.CallerMailbox => "caller",
        VmpValueKind.TimeOfDay => $"{value.Payload / 60:D2}:{value.Payload % 60:D2}",
        VmpValueKind.Prompt => Prompt(call, Code.Prompts[(int)value.Payload]) is var p ? $"{p.Kind}:{p.Text}" : "",
        _ => value.Payload.ToString(CultureInfo.InvariantCulture),
    };
}
