using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Syntax;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Tests.Syntax;

public sealed class ParserTests
{
    private static CompilationUnitSyntax Parse(string text, out DiagnosticBag diagnostics)
    {
        diagnostics = new DiagnosticBag();
        return SyntaxTree.Parse(new SourceText("test.vflow", text), diagnostics);
    }

    [Fact]
    public void Start_point_with_labelled_actions_and_connections()
    {
        var unit = Parse("""
            start user "Extn201" leave {
                Greeting: speak_text "Hello" -> Menu
                Menu: menu {
                    timeout 5s
                    key 1 -> Greeting
                    on Timeout, Invalid -> disconnect
                }
            }
            """, out var diagnostics);

        Assert.Equal(0, diagnostics.Count);
        var start = Assert.IsType<StartPointSyntax>(Assert.Single(unit.Declarations));
        Assert.Equal("user", start.Owner.Text);
        Assert.Equal("Extn201", start.Name!.Value);
        Assert.Equal("leave", start.Kind!.Text);
        Assert.Collection(start.Body.Actions,
            greeting =>
            {
                Assert.Equal("Greeting", greeting.Label!.Text);
                Assert.Equal("speak_text", greeting.Kind.Text);
                Assert.Equal("Hello", Assert.IsType<StringValueSyntax>(Assert.Single(greeting.Arguments)).Value);
                Assert.Equal("Menu", greeting.NextTarget!.Name.Text);
            },
            menu =>
            {
                Assert.Equal("menu", menu.Kind.Text);
                Assert.Collection(menu.Body,
                    setting => Assert.Equal(5000, Assert.IsType<DurationValueSyntax>(Assert.IsType<SettingSyntax>(setting).Values[0]).Milliseconds),
                    key => Assert.Equal("1", Assert.IsType<NumberValueSyntax>(Assert.IsType<KeyBranchSyntax>(key).Pattern).Text),
                    connection => Assert.Equal(["Timeout", "Invalid"], Assert.IsType<ConnectionSyntax>(connection).Results.Select(r => r.Text)));
            });
    }

    [Theory]
    [InlineData("start default leave { disconnect }")]
    [InlineData("start default leave { speak_text \"a\"; disconnect }")]
    [InlineData("start default leave {\r\n  disconnect\r\n}\r\n")]
    [InlineData("start default leave {\r  disconnect\r}")]
    [InlineData("\uFEFFstart default leave { disconnect } // comment at the end")]
    [InlineData("/* lead */ start default leave { /* inside */ disconnect }")]
    public void Separators_line_endings_and_comments(string text)
    {
        var unit = Parse(text, out var diagnostics);
        Assert.Equal(0, diagnostics.Count);
        Assert.Equal("disconnect", Assert.IsType<StartPointSyntax>(Assert.Single(unit.Declarations)).Body.Actions[^1].Kind.Text);
    }

    [Fact]
    public void String_escapes_are_decoded()
    {
        var unit = Parse("""start default leave { speak_text "say \"hi\" \\ \$5 \u0041\tend" }""", out var diagnostics);
        Assert.Equal(0, diagnostics.Count);
        var text = Assert.IsType<StringValueSyntax>(((StartPointSyntax)unit.Declarations[0]).Body.Actions[0].Arguments[0]);
        Assert.Equal("say \"hi\" \\ $5 A\tend", text.Value);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("5s", 5_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("99999999999999999999s", long.MaxValue)]
    public void Durations_are_read_in_milliseconds(string text, long milliseconds)
    {
        var unit = Parse($"start default leave {{ menu {{ timeout {text} }} }}", out _);
        var setting = Assert.IsType<SettingSyntax>(((StartPointSyntax)unit.Declarations[0]).Body.Actions[0].Body[0]);
        Assert.Equal(milliseconds, Assert.IsType<DurationValueSyntax>(setting.Values[0]).Milliseconds);
    }

    [Fact]
    public void Not_binds_tighter_than_and_which_binds_tighter_than_or()
    {
        var unit = Parse("condition C = A or B and not D", out var diagnostics);
        Assert.Equal(0, diagnostics.Count);
        var or = Assert.IsType<BinaryConditionSyntax>(Assert.IsType<ConditionDeclarationSyntax>(unit.Declarations[0]).Expression);
        Assert.Equal("or", or.Operator.Text);
        Assert.Equal("A", Assert.IsType<ReferenceConditionSyntax>(or.Left).Name.Text);
        var and = Assert.IsType<BinaryConditionSyntax>(or.Right);
        Assert.Equal("and", and.Operator.Text);
        Assert.IsType<NotConditionSyntax>(and.Right);
    }

    [Fact]
    public void Weekly_periods_keep_their_ranges()
    {
        var unit = Parse("condition Open = weekly(Mon-Fri 09:00-17:30, Sat 10:00-12:00)", out var diagnostics);
        Assert.Equal(0, diagnostics.Count);
        var function = Assert.IsType<FunctionConditionSyntax>(((ConditionDeclarationSyntax)unit.Declarations[0]).Expression);
        Assert.Equal(2, function.Items.Length);
        var first = function.Items[0].Parts;
        Assert.Equal(("Mon", "Fri"), (first[0].Low.Text, first[0].High!.Text));
        Assert.Equal(("09:00", "17:30"), (first[1].Low.Text, first[1].High!.Text));
    }

    [Fact]
    public void Errors_on_several_lines_are_all_reported_and_later_declarations_still_parse()
    {
        var unit = Parse("""
            start default leave {
                speak_text "a" "b"
                -> disconnect
                menu { timeout = 5s }
            }
            module After { disconnect }
            """, out var diagnostics);
        var lines = diagnostics.ToImmutableSorted().Select(d => d.Location.Start.Line).Distinct().ToList();
        Assert.Equal([2, 3, 4], lines);
        Assert.Contains(unit.Declarations, d => d is ModuleSyntax { Name.Text: "After" });
    }

    [Fact]
    public void A_forgotten_brace_is_reported_at_its_opening_and_the_next_declaration_survives()
    {
        var unit = Parse("""
            start default leave {
                disconnect
            module After { disconnect }
            """, out var diagnostics);
        var diagnostic = Assert.Single(diagnostics.ToImmutableSorted());
        Assert.Equal("VF0006", diagnostic.Code);
        Assert.Equal(new LinePosition(1, 21), diagnostic.Location.Start);
        Assert.Contains(unit.Declarations, d => d is ModuleSyntax { Name.Text: "After" });
    }
}
