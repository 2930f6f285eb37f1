using System.Text;

namespace CallFlow.Compiler.Tests.Robustness;

/// <summary>
/// Inputs at the extremes: deep nesting, megabyte lines, huge counts, control characters, line endings, byte order
/// marks and constructs left open at the end of the file. Each must come back within <see cref="Robust.Big"/> with
/// well-formed diagnostics; invalid ones must get at least one.
/// </summary>
public sealed class ExtremeInputTests
{
    private const int Deep = 10_000;

    // ---- deep nesting -------------------------------------------------------------------------------------------

    private static readonly string[] NestingContexts =
        ["", "module M {\n    ", "module M {\n    menu ", "module M {\n    speak_text ", "condition C = ", "start default leave {\n    on Next "];

    private static readonly string[] Openers = ["{", "(", "[", "not ", "({[", "on Next {\n", "key 1 {\n"];

    public static TheoryData<int, int> Nesting()
    {
        var data = new TheoryData<int, int>();
        for (var c = 0; c < NestingContexts.Length; c++)
        {
            for (var o = 0; o < Openers.Length; o++)
                data.Add(c, o);
        }
        return data;
    }

    /// <summary>10,000 openers in a row, unclosed and then closed again, in several places of a file.</summary>
    [Theory]
    [MemberData(nameof(Nesting))]
    public void Ten_thousand_levels_of_nesting(int context, int opener)
    {
        var open = NestingContexts[context] + Repeat(Openers[opener], Deep);
        Robust.CheckGarbage(open, Robust.Big);
        Robust.CheckGarbage(open + "true" + Repeat(Closer(Openers[opener]), Deep), Robust.Big);
    }

    [Fact]
    public void Long_and_or_chains()
    {
        Robust.CheckGarbage("condition C = " + string.Join(" and ", Enumerable.Repeat("true", 100_000)) + "\n", Robust.Big);
        Robust.CheckGarbage("condition C = " + string.Join(" or not ", Enumerable.Repeat("(true)", 50_000)) + "\n", Robust.Big);
        // Just under the operator limit: a legal condition, however silly.
        Robust.Check("condition C = " + string.Join(" and ", Enumerable.Repeat("true", 500)) + "\n", Robust.Big);
        Robust.Check("condition C = " + Repeat("(", 60) + "true" + Repeat(")", 60) + "\n", Robust.Big);
    }

    /// <summary>Inline blocks nested as deep as the nesting limit allows: the binder and checks recurse through them.</summary>
    [Fact]
    public void Inline_blocks_nested_up_to_the_limit()
    {
        var text = new StringBuilder("condition C = weekly(Mon-Fri 09:00-17:00)\nmodule M {\n");
        const int levels = 30; // two braces per level; the limit is 64
        for (var i = 0; i < levels; i++)
            text.Append("test_condition C {\non False -> disconnect\non True {\n");
        text.Append("disconnect\n");
        for (var i = 0; i < levels; i++)
            text.Append("}\n}\n");
        text.Append("}\n");
        Robust.CheckClean(text.ToString(), Robust.Big);
    }

    // ---- very long lines ------------------------------------------------------------------------------------------

    [Fact]
    public void Valid_one_megabyte_line()
    {
        var text = new StringBuilder("module M { ");
        while (text.Length < 1_000_000)
            text.Append("speak_text \"x\"; ");
        text.Append("disconnect }");
        Robust.CheckClean(text.ToString(), Robust.Big);
    }

    [Fact]
    public void Garbage_one_megabyte_lines()
    {
        var random = new Random(42);
        var printable = new char[1_000_000];
        for (var i = 0; i < printable.Length; i++)
            printable[i] = (char)random.Next(32, 127);
        Robust.CheckGarbage(new string(printable), Robust.Big);
        Robust.CheckGarbage(new string('@', 1_000_000), Robust.Big);
        Robust.CheckGarbage(new string('\0', 1_000_000), Robust.Big);
        Robust.CheckGarbage("module M {\n    speak_text " + string.Join(", ", Enumerable.Repeat("\"abc\"", 150_000)) + "\n}\n", Robust.Big);
        Robust.CheckGarbage(Repeat("x ", 500_000), Robust.Big);
        Robust.CheckGarbage(Repeat("-> ", 300_000), Robust.Big);
        Robust.Check("// " + new string('c', 1_000_000), Robust.Big);
        Robust.CheckGarbage("/* " + new string('c', 1_000_000), Robust.Big);
    }

    [Fact]
    public void Hundred_thousand_character_string_literals()
    {
        var s = new string('s', 100_000);
        Robust.CheckGarbage($"module M {{\n    speak_text \"{s}\"\n    disconnect\n}}\n", Robust.Big);
        Robust.CheckGarbage($"uservar U = \"{s}\"\n", Robust.Big);
        Robust.CheckGarbage($"condition C = $CLI == \"{s}\"\n", Robust.Big);
        Robust.CheckGarbage($"module M {{\n    generic \"CP1:{s}\"\n    disconnect\n}}\n", Robust.Big);
        Robust.CheckGarbage($"module M {{\n    generic \"EVAL:$CP0={Repeat("1+", 50_000)}1\"\n    disconnect\n}}\n", Robust.Big);
        Robust.CheckGarbage($"module M {{\n    speak_text {{ prompt \"{s}.wav\" }}\n    disconnect\n}}\n", Robust.Big);
        Robust.CheckGarbage($"module M {{\n    speak_text \"{Repeat("$CLI", 25_000)}\"\n    disconnect\n}}\n", Robust.Big);
        Robust.CheckGarbage($"module M {{\n    speak_text \"{Repeat("\\q", 50_000)}\"\n    disconnect\n}}\n", Robust.Big);
        Robust.CheckGarbage($"module M {{\n    speak_text \"{s}", Robust.Big);
    }

    [Fact]
    public void Hundred_thousand_character_identifiers()
    {
        var a = new string('a', 100_000);
        Robust.CheckGarbage($"module {a} {{\n    disconnect\n}}\n", Robust.Big);
        Robust.CheckGarbage($"module M {{\n    {a}: disconnect\n}}\n", Robust.Big);
        Robust.CheckGarbage($"module M {{\n    {a} \"x\"\n}}\n", Robust.Big);
        Robust.CheckGarbage($"module M {{\n    speak_text {{ {a} 1 }}\n    disconnect\n}}\n", Robust.Big);
        Robust.CheckGarbage($"module M {{\n    speak_text \"x\" -> {a}\n}}\n", Robust.Big);
        Robust.CheckGarbage($"condition {a} = weekly({a})\ncondition C = {a} and Undefined\n", Robust.Big);
        Robust.CheckGarbage($"module M {{\n    speak_text ${a.ToUpperInvariant()}\n    disconnect\n}}\n", Robust.Big);
        Robust.CheckGarbage($"module M {{\n    menu {{ retries {new string('9', 100_000)}\n timeout {new string('9', 100_000)}h\n key 1 -> disconnect\n on Timeout, Invalid -> disconnect }}\n}}\n", Robust.Big);
    }

    /// <summary>
    /// A label and an undefined reference, both 100,000 characters long: the "did you mean" search compares them.
    /// </summary>
    [Fact]
    public void Hundred_thousand_character_label_and_undefined_reference()
    {
        var label = new string('b', 100_000);
        var reference = new string('c', 100_000);
        Robust.CheckGarbage($"module M {{\n    {label}: speak_text \"x\" -> {reference}\n}}\n", Robust.Big);
    }

    // ---- huge counts ----------------------------------------------------------------------------------------------

    [Fact]
    public void Ten_thousand_menu_keys()
    {
        var text = new StringBuilder("module M {\n    menu {\n");
        for (var i = 0; i < 10_000; i++)
            text.Append("        key ").Append(i).Append(" -> disconnect\n");
        text.Append("        on Timeout, Invalid -> disconnect\n    }\n}\n");
        Robust.CheckGarbage(text.ToString(), Robust.Big);
    }

    [Fact]
    public void Fifty_thousand_labels_in_one_flow()
    {
        var chain = new StringBuilder("module M {\n");
        for (var i = 0; i < 50_000; i++)
            chain.Append("    L").Append(i).Append(": speak_text \"x\"\n");
        chain.Append("    disconnect\n}\n");
        Robust.CheckClean(chain.ToString(), Robust.Big);
    }

    /// <summary>Every action after the first is unreachable: one warning each.</summary>
    [Fact]
    public void Fifty_thousand_unreachable_labels()
    {
        var text = new StringBuilder("module M {\n");
        for (var i = 0; i < 50_000; i++)
            text.Append("    L").Append(i).Append(": transfer \"").Append(i).Append("\"\n");
        text.Append("}\n");
        Robust.CheckGarbage(text.ToString(), Robust.Big);
    }

    [Fact]
    public void Fifty_thousand_duplicate_labels()
    {
        var text = new StringBuilder("module M {\n");
        for (var i = 0; i < 50_000; i++)
            text.Append("    Same: speak_text \"x\"\n");
        text.Append("    disconnect\n}\n");
        Robust.CheckGarbage(text.ToString(), Robust.Big);
    }

    /// <summary>
    /// A thousand references to labels, modules and conditions that do not exist, next to as many that do: each
    /// gets its own diagnostic and a "did you mean" search over the declared names. (The search is linear in the
    /// declared names per reference, so this grows quadratically: about 13 s for 10,000 of each.)
    /// </summary>
    [Fact]
    public void A_thousand_undefined_references_of_each_kind()
    {
        const int count = 1_000;
        var text = new StringBuilder("module M {\n");
        for (var i = 0; i < count; i++)
            text.Append("    L").Append(i).Append(": speak_text \"x\" -> K").Append(i).Append('\n');
        text.Append("}\n");
        for (var i = 0; i < count; i++)
        {
            text.Append("module N").Append(i).Append(" {\n    goto X").Append(i).Append("\n}\n");
            text.Append("condition C").Append(i).Append(" = D").Append(i).Append('\n');
        }
        var diagnostics = Robust.CheckGarbage(text.ToString(), Robust.Big);
        Assert.Equal(count, diagnostics.Count(d => d.Code == "VF1003"));
        Assert.Equal(count, diagnostics.Count(d => d.Code == "VF1004"));
        Assert.Equal(count, diagnostics.Count(d => d.Code == "VF1009"));
    }

    [Fact]
    public void Ten_thousand_flows_and_declarations()
    {
        var text = new StringBuilder("condition Holidays = calendar(2026-12-25)\n");
        for (var i = 0; i < 10_000; i++)
        {
            text.Append("condition C").Append(i).Append(" = weekly(Mon-Fri 09:00-17:00) and not Holidays\n");
            text.Append("uservar U").Append(i).Append(" = \"0\"\n");
            text.Append("module M").Append(i).Append(" {\n    test_condition C").Append(i).Append(" {\n        on True -> goto M").Append((i + 1) % 10_000)
                .Append("\n        on False -> disconnect\n    }\n}\n");
            text.Append("start shortcode \"*").Append(i).Append("\" {\n    goto M").Append(i).Append("\n}\n");
        }
        Robust.CheckClean(text.ToString(), Robust.Big);
    }

    [Fact]
    public void Ten_thousand_settings_arguments_and_cases()
    {
        Robust.CheckGarbage("module M {\n    speak_text {\n" + Repeat("        prompt \"a.wav\"\n", 10_000) + "    }\n}\n", Robust.Big);
        Robust.CheckGarbage("module M {\n    speak_text {\n" + Repeat("        text \"a\"\n", 10_000) + "    }\n    disconnect\n}\n", Robust.Big);
        var cases = new StringBuilder("module M {\n    test_variable $KEY {\n");
        for (var i = 0; i < 10_000; i++)
            cases.Append("        case \"").Append(i % 5_000).Append("\" -> disconnect\n");
        cases.Append("        on NoMatch, Timeout -> disconnect\n    }\n}\n");
        Robust.CheckGarbage(cases.ToString(), Robust.Big);
        Robust.CheckGarbage("module M {\n    speak_text \"x\" {\n" + Repeat("        on Next -> disconnect\n", 10_000) + "    }\n}\n", Robust.Big);
    }

    // ---- control characters, line endings, byte order marks ------------------------------------------------------

    private static readonly char[] Specials =
    [
        .. Enumerable.Range(0, 0x20).Select(i => (char)i), '\u007F', .. Enumerable.Range(0x80, 0x20).Select(i => (char)i),
        '\u00A0', '\u00AD', '\u200B', '\u2028', '\u2029', '\uFEFF', '\uFFFE', '\uFFFF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF',
    ];

    private static bool IsLexedAsSpace(char c) => c is ' ' or '\t' or '\f' or '\r' or '\n' or '\u00A0' or '\uFEFF';

    [Fact]
    public void Control_and_special_characters_everywhere()
    {
        foreach (var c in Specials)
        {
            var s = c.ToString();
            // Between declarations and as a whole file: anything but whitespace is an error there.
            if (IsLexedAsSpace(c))
            {
                Robust.CheckClean(s + Inputs.Example);
                Robust.CheckClean(Inputs.Example.Replace("\nmodule", "\n" + s + "module"));
            }
            else
            {
                Robust.CheckGarbage(s + Inputs.Example);
                Robust.CheckGarbage(Inputs.Example.Replace("\nmodule", "\n" + s + "module"));
                Robust.CheckGarbage(new string(c, 1_000));
                Robust.CheckGarbage(Repeat(s + "\n", 1_000));
            }
            // Inside a string, an identifier, a comment, a variable, a label; at the very end.
            Robust.Check(Inputs.Example.Replace("Connecting you", "Connecting" + s + "you"));
            Robust.Check(Inputs.Example.Replace("MainMenu: menu", "Main" + s + "Menu: menu"));
            Robust.Check(Inputs.Example.Replace("$CLI", "$C" + s + "LI"));
            Robust.Check("// comment " + s + "\n" + Inputs.Example + "/* " + s + " */");
            Robust.Check(Inputs.Example + s);
            Robust.Check("start user \"A" + s + "B\" leave {\n    disconnect\n}\n");
            Robust.Check("start user \"A\\u" + ((int)c).ToString("X4") + "B\" leave {\n    disconnect\n}\n");
        }
    }

    [Fact]
    public void Line_endings_do_not_change_the_result()
    {
        Robust.CheckClean(Inputs.Example.Replace("\n", "\r\n"));
        Robust.CheckClean(Inputs.Example.Replace("\n", "\r"));
        var mixed = new StringBuilder();
        var endings = new[] { "\n", "\r\n", "\r" };
        for (var i = 0; i < Inputs.ExampleLines.Length; i++)
            mixed.Append(Inputs.ExampleLines[i]).Append(i + 1 < Inputs.ExampleLines.Length ? endings[i % 3] : "");
        Robust.CheckClean(mixed.ToString());

        // A broken variant reports the same codes at the same line and column whatever the line ending.
        var broken = Inputs.Example
            .Replace("key 2 {", "key 2 {{")
            .Replace("retries 2", "retries 99 @")
            .Replace("Sales: transfer \"201\"", "Sales: transfer \"201")
            .Replace("on Failure -> disconnect", "on Failur -> disconect");
        var expected = Positions(Robust.CheckGarbage(broken));
        Assert.Equal(expected, Positions(Robust.CheckGarbage(broken.Replace("\n", "\r\n"))));
        Assert.Equal(expected, Positions(Robust.CheckGarbage(broken.Replace("\n", "\r"))));

        Robust.Check("\r\r\n\n\r" + Inputs.Example.Replace("\n", "\r\r\n"));
        Robust.Check("module M {\r    speak_text \"a\rb\"\r    disconnect\r}\r");
        Robust.Check(Repeat("\r", 100_000) + Repeat("\r\n", 100_000), Robust.Big);
    }

    [Fact]
    public void Byte_order_marks()
    {
        Robust.CheckClean("\uFEFF" + Inputs.Example);
        Robust.CheckClean("\uFEFF\uFEFF" + Inputs.Example.Replace("\n", "\n\uFEFF"));
        Robust.CheckClean(Encoding.UTF8.GetString([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Inputs.Example)]));
        Robust.CheckGarbage(Encoding.Latin1.GetString([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Inputs.Example)]));
        Robust.CheckGarbage(Inputs.Example.Replace("MainMenu: menu", "Main\uFEFFMenu: menu"));
        Robust.Check("\uFEFF");
        Robust.Check(Encoding.Unicode.GetString([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Inputs.Example)]));
        // UTF-16 bytes read as UTF-8: a NUL after every character.
        Robust.CheckGarbage(Encoding.UTF8.GetString([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Inputs.Example)]));
    }

    // ---- unterminated constructs at the end of the file ---------------------------------------------------------

    public static TheoryData<string> OpenAtEnd() =>
    [
        "\"", "\"abc", "\"abc\\", "\"\\u12", "/*", "/* abc", "/* /* nested", "/*/", "module M { speak_text \"abc", "module M {\n    /* never closed",
        "module M {\n    speak_text \"x\" // comment at EOF", "module M {", "module M {\n    menu {", "module M {\n    menu {\n        key 1 {",
        "condition C = weekly(", "condition C = weekly(Mon-", "condition C = (", "condition C = not", "condition C =", "condition", "uservar U =",
        "start", "start default", "start user \"Extn201\"", "start shortcode \"*8", "direct", "direct module", "key", "on", "->", "$", "$REG[", "$REG[x",
        "module M {\n    L:", "module M {\n    speak_text \"x\" ->", "module M {\n    speak_text \"x\" -> goto", "module M {\n    speak_text tts(",
        "module M {\n    speak_text [1, ", "module M {\n    menu {\n        on Timeout,", "2026-12-", "09:", "5", "\\",
    ];

    [Theory]
    [MemberData(nameof(OpenAtEnd))]
    public void Unterminated_at_end_of_file(string text)
    {
        Robust.CheckGarbage(text);
        Robust.CheckGarbage(Inputs.Example + text);
        Robust.CheckGarbage(Inputs.Example + text + "\n");
    }

    [Fact]
    public void Empty_and_blank_files_are_clean()
    {
        Robust.CheckClean("");
        Robust.CheckClean("\n\n\r\n");
        Robust.CheckClean(";;;");
        Robust.CheckClean("// only a comment");
        Robust.CheckClean("/* only a comment */");
        Robust.CheckClean(" \t\f\u00A0\uFEFF");
    }

    private static List<(string Code, int Line, int Column)> Positions(IEnumerable<CallFlow.Compiler.Diagnostics.Diagnostic> diagnostics) =>
        [.. diagnostics.Select(d => (d.Code, d.Location.Start.Line, d.Location.Start.Column))];

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static string Closer(string opener) =>
        new([.. opener.Trim().Where(c => c is '{' or '(' or '[').Reverse().Select(c => c switch { '{' => '}', '(' => ')', _ => ']' })]);
}
