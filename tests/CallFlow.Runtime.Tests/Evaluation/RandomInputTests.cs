using CallFlow.Runtime.Evaluation;
using CsCheck;

namespace CallFlow.Runtime.Tests.Evaluation;

/// <summary>
/// Random commands, texts and expressions with fixed seeds (so a run is repeatable): nothing throws, and EVAL
/// agrees with a straightforward tree evaluator on every precedence and associativity case.
/// </summary>
public sealed class RandomInputTests
{
    private const uint Stream = 2026;

    private static readonly Gen<string> CommandText = Gen.Frequency(
            (8, Gen.Char["$:=()[],#.-+*/%^ 0123456789CPOUNTERVALSIGFWDYKmidlefrghtowupv"]),
            (1, Gen.Char),
            (1, Gen.OneOf('\uD83D', '\uDE00', '\0', 'İ', 'ß')))
        .Array[0, 60].Select(chars => new string(chars));

    private static readonly Gen<string> Prefix = Gen.OneOf(
        "CP1:", "CP15:", "COUNTER1:", "INCCOUNTER:", "DECCOUNTER:", "CLEARCOUNTER:", "EVAL:$CP0=", "EVAL:$COUNTER2=",
        "STRING:$CP0=", "STRING:$CP0=mid(", "STRING:$CP0=left(", "STRING:$CP0=reverse(", "FWD:", "PRIORITY:", "SAVE:", "");

    private static void Sample<T>(Gen<T> gen, Action<T> assert, ulong seed, int iterations)
    {
        for (var i = 0; i < iterations; i++)
        {
            var value = gen.Generate(new PCG(Stream, seed + (ulong)i), null, out _);
            try
            {
                assert(value);
            }
            catch (Exception error)
            {
                throw new Xunit.Sdk.XunitException($"iteration {i} failed for {value}: {error.Message}");
            }
        }
    }

    private static CallVariables Call(string value)
    {
        var call = TestCalls.NewCall();
        foreach (var name in new[] { "$CP1", "$CP2", "$KEY", "$COUNTER3" })
            call.Set(name, value);
        return call;
    }

    [Fact]
    public void Generic_commands_never_throw_and_only_succeed_or_fail()
    {
        Sample(Gen.Select(Prefix, CommandText, CommandText), t =>
        {
            var (prefix, body, value) = t;
            var call = Call(value);
            var result = GenericCommandInterpreter.Execute(prefix + body, call);
            Assert.True(result.Succeeded || (result.Error is { Length: > 0 } && result.Request is null));
            Assert.All(call.Snapshot().Values, v => Assert.True(v.Length <= CallVariables.MaxValueLength));
        }, seed: 1, iterations: 3000);
    }

    [Fact]
    public void Expand_never_throws_and_leaves_text_without_names_alone()
    {
        Sample(Gen.Select(CommandText, CommandText), t =>
        {
            var (text, value) = t;
            var expanded = Call(value).Expand(text);
            if (!text.Contains('$'))
                Assert.Same(text, expanded);
        }, seed: 2, iterations: 3000);
    }

    // ---- EVAL against a tree evaluator ----

    private abstract record Expr;
    private sealed record Num(long Value) : Expr;
    private sealed record Neg(Expr Operand) : Expr;
    private sealed record Bin(char Op, Expr Left, Expr Right) : Expr;

    private static readonly Gen<Expr> Leaf = Gen.Frequency(
        (6, Gen.Long[0, 99].Select(v => (Expr)new Num(v))),
        (1, Gen.OneOf(0L, 1L, 9_223_372_036_854_775_807L).Select(v => (Expr)new Num(v))));

    private static Gen<Expr> Tree(int depth) => depth == 0
        ? Leaf
        : Gen.Frequency(
            (2, Leaf),
            (1, Tree(depth - 1).Select(e => (Expr)new Neg(e))),
            (5, Gen.Select(Gen.Char["+-*/%^"], Tree(depth - 1), Tree(depth - 1)).Select(t => (Expr)new Bin(t.Item1, t.Item2, t.Item3))));

    private static int Precedence(Expr e) => e switch
    {
        Bin { Op: '*' or '/' or '%' } => 3,
        Bin { Op: '+' or '-' } => 2,
        Bin => 1,
        _ => 4,
    };

    /// <summary>Writes the tree with only the parentheses the documented precedence needs.</summary>
    private static string Print(Expr e) => e switch
    {
        Num n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Neg n => "-" + (Precedence(n.Operand) < 4 ? $"({Print(n.Operand)})" : Print(n.Operand)),
        Bin b => Wrap(b.Left, Precedence(b.Left) < Precedence(b)) + b.Op + Wrap(b.Right, Precedence(b.Right) <= Precedence(b)),
        _ => throw new InvalidOperationException(),
    };

    private static string Wrap(Expr e, bool parenthesise) => parenthesise ? $"({Print(e)})" : Print(e);

    private static long Value(Expr e) => e switch
    {
        Num n => n.Value,
        Neg n => checked(-Value(n.Operand)),
        Bin { Op: '+' } b => checked(Value(b.Left) + Value(b.Right)),
        Bin { Op: '-' } b => checked(Value(b.Left) - Value(b.Right)),
        Bin { Op: '*' } b => checked(Value(b.Left) * Value(b.Right)),
        Bin { Op: '/' } b => checked(Value(b.Left) / Value(b.Right)),
        Bin { Op: '%' } b => Value(b.Left) % Value(b.Right),
        Bin b => Value(b.Left) ^ Value(b.Right),
        _ => throw new InvalidOperationException(),
    };

    [Fact]
    public void Eval_agrees_with_a_tree_evaluator_on_minimally_parenthesised_expressions()
    {
        Sample(Tree(5), tree =>
        {
            var text = Print(tree);
            long? expected;
            try
            {
                expected = Value(tree);
            }
            catch (ArithmeticException)
            {
                expected = null;
            }
            var call = TestCalls.NewCall();
            var result = GenericCommandInterpreter.Execute("EVAL:$CP0=" + text, call);
            if (expected is { } value)
            {
                Assert.True(result.Succeeded, $"{text}: {result.Error}");
                Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), call.Get("$CP0"));
            }
            else
            {
                Assert.False(result.Succeeded, $"{text} should fail but gave {call.Get("$CP0")}");
            }
        }, seed: 3, iterations: 3000);
    }
}
