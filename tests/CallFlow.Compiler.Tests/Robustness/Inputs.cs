using System.Text;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Syntax.Generated;
using CsCheck;

namespace CallFlow.Compiler.Tests.Robustness;

/// <summary>The valid example the mutations start from, the token vocabulary of the grammar, and the generators.</summary>
internal static class Inputs
{
    /// <summary>A valid program (zero diagnostics) touching conditions, a menu with inline blocks, labels, goto and a module.</summary>
    public const string Example = """
        condition Holidays = calendar(2026-12-25, 2026-12-26)
        condition Open = weekly(Mon-Fri 09:00-17:30) and not Holidays
        uservar NightService = "0"
        start shortcode "*80" {
            test_condition Open {
                on True -> MainMenu
                on False -> Closed
            }
            MainMenu: menu {
                prompt tts("Welcome to Acme. Press 1 for sales."), system(operator)
                timeout 5s
                retries 2
                key 1 -> Sales
                key 2 {
                    speak_text "Connecting you to support"
                    transfer "202"
                }
                key 0 -> goto Operator
                on Timeout, Invalid -> disconnect
            }
            Sales: transfer "201"
            Closed: speak_text "We are closed. You called from $CLI."
            leave_mail "Sales" {
                on Success -> disconnect
                on Failure -> disconnect
            }
        }
        module Operator {
            transfer "200"
        }

        """;

    public static readonly string[] ExampleLines = Example.Split('\n');

    /// <summary>Every literal token of the lexer ('start', '->', '{', ...), read from the generated vocabulary.</summary>
    public static readonly string[] LiteralTokens =
    [
        .. Enumerable.Range(1, CallFlowLexer.ERROR_CHAR)
            .Select(t => CallFlowLexer.DefaultVocabulary.GetLiteralName(t))
            .Where(n => n is { Length: > 2 })
            .Select(n => n!.Trim('\'')),
    ];

    /// <summary>Samples of the other token kinds, with edge cases the binder must cope with.</summary>
    public static readonly string[] ValueTokens =
    [
        "\"\"", "\"x\"", "\"201\"", "\"*88\"", "\"$\"", "\"?\"", "\"Sales\"", "\"$CLI\"", "\"Hello $KEY.wav\"", "\"$REG[NightService]\"",
        "\"\\q\"", "\"\\u00\"", "\"\\u0000\"", "\"\\\\\"", "\"tab\\there\"", "\"unterminated", "\"", "\"a.wav\"", "\"../up.wav\"", "\"C:\\\\x.wav\"",
        "\"CP1:$MONTH\"", "\"EVAL:$CP0=($CP1+5\"", "\"EVAL:$CP0=\"", "\"STRING:$CP1=mid($CLI,1,)\"", "\"STRING:$CP1=x(\"", "\"FWD:201##\"", "\"FWD:##\"",
        "\"COUNTER99:x\"", "\"INCCOUNTER:$CP1\"", "\"PRIORITY:7\"", "\"SAVE:\"", "\":\"", "\"Default.Leave\"", "\"Short Codes.*80\"", "\"a@b\"",
        "0", "1", "2", "15", "16", "00", "1.5", "99999999999999999999999", "-1",
        "0s", "5s", "500ms", "2m", "1h", "0ms", "99999999999999999999h", "121s",
        "09:00", "17:30", "24:00", "25:61", "0:00", "9:5",
        "2026-12-25", "2026-02-30", "0000-00-00", "9999-99-99",
        "$", "$CLI", "$KEY", "$CP0", "$CP16", "$CP[3]", "$COUNTER1", "$COUNTER[99]", "$DBD[0]", "$REG[NightService]", "$REG[]", "$BOGUS", "$_",
        "Foo:", "MainMenu:", "disconnect:", "Open:",
        "Mon", "Fri", "Sunday", "caller", "extension", "high", "next", "yes", "off", "enu", "xx", "Holidays", "Open", "Operator",
        "MainMenu", "Sales", "Closed", "NightService", "Next", "Success", "Failure", "True", "False", "Timeout", "Invalid", "NoMatch",
        "system", "tts", "digits", "weekly", "calendar", "operator", "welcome", "_", "x",
        "// comment", "/* block */", "/* open", "\n", "\r\n", "\r", ";", "@", "#", "%", "\u0000", "\u00A0", "\uFEFF", "é", "\u2028", "\uD800",
    ];

    /// <summary>The value tokens that do not end a statement.</summary>
    public static readonly string[] InlineValueTokens = [.. ValueTokens.Where(t => t is not ("\n" or "\r\n" or "\r" or ";"))];

    public static readonly string[] ActionNames = [.. ActionCatalog.All.Select(a => a.Name), .. ActionCatalog.Legacy.Keys, "bogus_action", "Menu"];

    public static readonly string[] SettingNames =
        [.. ActionCatalog.All.SelectMany(a => a.Settings).Select(s => s.Name).Distinct(), "bogus", "key", "on"];

    public static readonly string[] ResultNames =
        [.. ActionCatalog.All.SelectMany(a => a.Results).Distinct(), "Done", "Found", "Bogus", "\"1\"", "\"Next\""];

    public static readonly string[] Vocabulary =
        [.. LiteralTokens, .. ValueTokens, .. ActionNames, .. SettingNames, .. ResultNames];

    /// <summary>Token soup: a random sequence of tokens, joined by nothing, a space, a newline or a tab.</summary>
    public static readonly Gen<string> TokenSoup =
        Gen.Select(Gen.OneOf(Vocabulary), Gen.OneOf("", " ", " ", " ", "\n", "\t"), (token, separator) => token + separator)
            .Array[0, Fuzz.Long ? 200 : 60]
            .Select(parts => string.Concat(parts));

    /// <summary>
    /// Grammar-shaped programs: declarations, actions from the catalogue with settings, connections, keys, cases,
    /// inline blocks and conditions, drawn from a choice sequence so that CsCheck shrinks them by shortening it.
    /// Names come from small pools so references usually resolve and the binder and checks get far.
    /// </summary>
    public static readonly Gen<string> Structured =
        Gen.Int[0, 1 << 20].Array[0, Fuzz.Long ? 600 : 160].Select(choices => new ProgramBuilder(choices).Build());

    private sealed class ProgramBuilder(int[] choices)
    {
        private readonly StringBuilder _text = new();
        private int _next;

        private static readonly string[] Labels = ["L0", "L1", "L2", "L3", "MainMenu", "l0"];
        private static readonly string[] Modules = ["M0", "M1", "M2", "m0", "Reception"];
        private static readonly string[] Conditions = ["C0", "C1", "C2", "Holidays"];
        private static readonly string[] UserVariables = ["U0", "U1", "NightService"];
        private static readonly string[] Owners = ["default", "user", "group", "shortcode", "campaign", "bogus"];
        private static readonly string[] Kinds = ["leave", "collect", "callback", "queued", "still_queued", "bogus"];
        private static readonly string[] Periods = ["Mon-Fri 09:00-17:30", "Sat", "Sun 10:00-12:00", "2026-12-25", "2026-12-24 - 2026-12-31", "Fri-Mon", "25:00-26:00",
            "17:00-09:00", "Mon Tue", "09:00", "Xyz", "2026-02-30", "1", "Mon-Fri 09:00-17:30 10:00-11:00"];

        private bool Done => _next >= choices.Length;
        private int Next(int n) => n <= 1 || Done ? 0 : choices[_next++] % n;
        private bool Chance(int percent) => Next(100) < percent;
        private string Pick(IReadOnlyList<string> items) => items[Next(items.Count)];

        public string Build()
        {
            for (var declarations = 0; !Done && declarations < 12; declarations++)
            {
                switch (Next(8))
                {
                    case 0:
                        Write($"condition {Pick(Conditions)} = ");
                        Condition(0);
                        break;
                    case 1:
                        Write($"uservar {Pick(UserVariables)}");
                        if (Chance(70))
                            Write($" = {Value()}");
                        break;
                    case 2 or 3:
                        Write($"{(Chance(20) ? "direct " : "")}module {Pick(Modules)} ");
                        Body(0);
                        break;
                    case 4 or 5 or 6:
                        var owner = Pick(Owners);
                        Write($"start {owner} ");
                        if (owner is not "default" || Chance(10))
                            Write($"{Pick(["\"Extn201\"", "\"*80\"", "\"Sales\"", "\"\"", "\"Sales \"", "\"a/b\"", "\"VeryLongMailboxName\""])} ");
                        if (owner is not "shortcode" || Chance(10))
                            Write($"{Pick(Kinds)} ");
                        Body(0);
                        break;
                    default:
                        Write(Pick(Vocabulary));
                        break;
                }
                Write(Chance(90) ? "\n" : Pick([";", " ", "\n\n", ""]));
            }
            return _text.ToString();
        }

        private void Write(string text) => _text.Append(text);

        private void Indent(int depth) => _text.Append(' ', 4 * (depth + 1));

        private void Body(int depth)
        {
            Write("{\n");
            var count = Next(depth == 0 ? 7 : 4);
            for (var i = 0; i < count && !Done; i++)
            {
                Indent(depth);
                Action(depth);
                Write(Chance(95) ? "\n" : "; ");
            }
            _text.Append(' ', 4 * depth).Append('}');
        }

        private void Action(int depth)
        {
            if (Chance(40))
                Write($"{Pick(Labels)}: ");
            var kind = Pick(ActionNames);
            var definition = ActionCatalog.Find(kind);
            Write(kind);
            var arguments = Next(definition is { Positional.Length: > 0 } ? 3 : 2);
            for (var i = 0; i < arguments; i++)
                Write((i == 0 ? " " : ", ") + Value());
            if (Chance(50))
            {
                Write(" {\n");
                var items = Next(6);
                for (var i = 0; i < items && !Done; i++)
                {
                    Indent(depth + 1);
                    BodyItem(definition, depth + 1);
                    Write("\n");
                }
                Indent(depth);
                Write("}");
            }
            if (Chance(20))
                Write(" -> " + Target());
        }

        private void BodyItem(ActionDefinition? definition, int depth)
        {
            switch (Next(5))
            {
                case 0:
                    var setting = definition is not null && Chance(80) && definition.Settings.Length > 0
                        ? definition.Settings[Next(definition.Settings.Length)].Name
                        : Pick(SettingNames);
                    Write(setting);
                    var values = Next(3) + (Chance(85) ? 1 : 0);
                    for (var i = 0; i < values; i++)
                        Write((i == 0 ? " " : ", ") + Value());
                    break;
                case 1:
                    Write("on ");
                    var results = 1 + Next(3);
                    for (var i = 0; i < results; i++)
                    {
                        Write(i == 0 ? "" : ", ");
                        Write(definition is not null && definition.Results.Length > 0 && Chance(75)
                            ? definition.Results[Next(definition.Results.Length)]
                            : Pick(ResultNames));
                    }
                    Branch(depth);
                    break;
                case 2:
                    Write($"key {Pick(["1", "2", "0", "11", "\"*\"", "\"#\"", "\"1?\"", "\"$\"", "\"F\"", "\"12a\"", "\"\"", "F", "$", "x", "99999999999999999999999999999999999"])}");
                    Branch(depth);
                    break;
                case 3:
                    Write($"case {Pick(["\"201\"", "1", "$CLI", "extension", "hunt_group", "bogus", "\"$KEY\"", "[1, 2]", "tts(\"x\")"])}");
                    Branch(depth);
                    break;
                default:
                    Write(Pick(Vocabulary));
                    break;
            }
        }

        private void Branch(int depth)
        {
            if (depth < 6 && Chance(35))
            {
                Write(" ");
                Body(depth);
            }
            else
            {
                Write(" -> " + Target());
            }
        }

        private string Target() => Next(7) switch
        {
            0 => "disconnect",
            1 => "home",
            2 => Chance(50) ? "return" : $"return {Pick(["Done", "Next", "\"Found\"", "1"])}",
            3 => $"goto {Pick([.. Modules, "\"Default.Leave\"", "\"Short Codes.*80\"", "\"Nowhere\"", "1"])}",
            4 => Pick(["menu", "transfer", "speak_text", "bogus"]),
            _ => Pick(Labels),
        };

        private string Value() => Next(12) switch
        {
            0 => $"system({Pick(["operator", "welcome", "bogus", "\"goodbye\"", "1", ""])})",
            1 => $"tts({Pick(["\"Hello $CLI\"", "\"\"", "1", "\"x\", \"y\"", ""])})",
            2 => $"digits({Pick(["$CLI", "\"123\"", "123", "caller", ""])})",
            3 => $"[{Pick(["", "1", "1, 2", "\"a\", $CLI"])}]",
            4 => $"{Pick(["bogus", "weekly", "calendar"])}({Pick(["", "1", "\"x\""])})",
            5 => Pick(Conditions),
            6 => Pick(UserVariables),
            7 => Pick(Modules),
            _ => Pick(InlineValueTokens),
        };

        private void Condition(int depth)
        {
            switch (depth > 6 ? 6 + Next(3) : Next(9))
            {
                case 0:
                    Write("not ");
                    Condition(depth + 1);
                    break;
                case 1 or 2:
                    Condition(depth + 1);
                    Write(Chance(50) ? " and " : " or ");
                    Condition(depth + 1);
                    break;
                case 3:
                    Write("(");
                    Condition(depth + 1);
                    Write(")");
                    break;
                case 4:
                    Write($"{Pick(["$CLI", "$CP1", "\"x\"", "1", "$REG[U0]", "$"])} {Pick(["==", "!=", "<", ">", "<=", ">="])} {Pick(["\"0170\"", "2", "$KEY", "\"$CP2\"", "\"a\""])}");
                    break;
                case 5:
                    Write($"{Pick(["weekly", "calendar", "monthly"])}(");
                    var items = Next(4);
                    for (var i = 0; i < items; i++)
                        Write((i == 0 ? "" : ", ") + Pick(Periods));
                    Write(")");
                    break;
                case 6:
                    Write(Pick(["true", "false"]));
                    break;
                default:
                    Write(Pick(Conditions));
                    break;
            }
        }
    }
}
