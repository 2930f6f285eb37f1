using System.Text;
using CsCheck;

namespace CallFlow.Compiler.Tests.Robustness;

/// <summary>
/// Mutations of a valid program: near-misses exercise error recovery far more than random text does. The example
/// itself must stay clean (zero diagnostics), so a mutation that breaks it is measured against a known-good start.
/// </summary>
public sealed class MutationTests
{
    private enum Kind { DeleteLine, DuplicateLine, SwapLines, InsertChar, FlipChar, DeleteRange, TruncateAt, InsertToken }

    private readonly record struct Mutation(Kind Kind, int A, int B, char C, string Token);

    private static readonly Gen<char> AnyChar = Gen.Frequency(
        (6, Gen.Char["{}()[]\"':;,=-<>!$/*\\ \t\n\r#@_09azAZ"]),
        (2, Gen.Char),
        (1, Gen.OneOf('\0', '\uFEFF', '\u00A0', '\uD800', '\uFFFF', '\u2028', 'é')));

    private static readonly Gen<Mutation> OneMutation =
        Gen.Select(Gen.Enum<Kind>(), Gen.Int[0, 10_000], Gen.Int[0, 10_000], AnyChar, Gen.OneOf(Inputs.Vocabulary),
            (kind, a, b, c, token) => new Mutation(kind, a, b, c, token));

    private static readonly Gen<Mutation[]> Mutations = OneMutation.Array[1, Fuzz.Long ? 20 : 8];

    [Fact]
    public void The_example_is_valid() => Robust.CheckClean(Inputs.Example);

    [Fact]
    public void Random_mutations_of_the_example() =>
        Fuzz.Sample(Mutations, mutations => Robust.Check(Apply(Inputs.Example, mutations)), seed: 20, iterations: Fuzz.Iterations(1500, 60_000),
            print: mutations => string.Join(", ", mutations.Select(m => $"{m.Kind}({m.A},{m.B},U+{(int)m.C:X4},{m.Token})")) +
                Environment.NewLine + Robust.Describe(Apply(Inputs.Example, mutations)));

    /// <summary>The example cut after every character: every unterminated construct the grammar has, at end of file.</summary>
    [Fact]
    public void Every_prefix_of_the_example()
    {
        var text = Inputs.Example;
        for (var length = 0; length <= text.Length; length++)
            Robust.Check(text[..length]);
    }

    [Fact]
    public void Every_suffix_of_the_example()
    {
        var text = Inputs.Example;
        for (var start = 0; start <= text.Length; start += Fuzz.Long ? 1 : 3)
            Robust.Check(text[start..]);
    }

    /// <summary>Each character of the example deleted in turn.</summary>
    [Fact]
    public void Every_single_character_deleted()
    {
        var text = Inputs.Example;
        for (var i = 0; i < text.Length; i++)
            Robust.Check(text.Remove(i, 1));
    }

    /// <summary>Each line deleted, and each line duplicated, in turn.</summary>
    [Fact]
    public void Every_line_deleted_or_duplicated()
    {
        var lines = Inputs.ExampleLines;
        for (var i = 0; i < lines.Length; i++)
        {
            Robust.Check(string.Join('\n', lines.Where((_, j) => j != i)));
            Robust.Check(string.Join('\n', lines.Take(i + 1).Append(lines[i]).Concat(lines.Skip(i + 1))));
        }
    }

    /// <summary>Adjacent lines swapped, and a structural character replaced by each other structural character.</summary>
    [Fact]
    public void Adjacent_lines_swapped_and_brackets_replaced()
    {
        var lines = Inputs.ExampleLines;
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            var swapped = (string[])lines.Clone();
            (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
            Robust.Check(string.Join('\n', swapped));
        }
        const string structural = "{}()[]\":,=->";
        var text = Inputs.Example;
        for (var i = 0; i < text.Length; i++)
        {
            if (!structural.Contains(text[i]))
                continue;
            foreach (var replacement in structural)
            {
                if (replacement != text[i])
                    Robust.Check(string.Concat(text.AsSpan(0, i), replacement.ToString(), text.AsSpan(i + 1)));
            }
        }
    }

    private static string Apply(string text, Mutation[] mutations)
    {
        var lines = text.Split('\n').ToList();
        foreach (var m in mutations)
        {
            switch (m.Kind)
            {
                case Kind.DeleteLine when lines.Count > 0:
                    lines.RemoveAt(m.A % lines.Count);
                    break;
                case Kind.DuplicateLine when lines.Count > 0:
                    var index = m.A % lines.Count;
                    lines.Insert(index, lines[index]);
                    break;
                case Kind.SwapLines when lines.Count > 1:
                    var (a, b) = (m.A % lines.Count, m.B % lines.Count);
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                    break;
                default:
                    var flat = new StringBuilder(string.Join('\n', lines));
                    var at = flat.Length == 0 ? 0 : m.A % (flat.Length + 1);
                    switch (m.Kind)
                    {
                        case Kind.InsertChar:
                            flat.Insert(at, m.C);
                            break;
                        case Kind.FlipChar when at < flat.Length:
                            flat[at] = m.C;
                            break;
                        case Kind.DeleteRange when at < flat.Length:
                            flat.Remove(at, Math.Min(flat.Length - at, 1 + m.B % 40));
                            break;
                        case Kind.TruncateAt:
                            flat.Length = at;
                            break;
                        case Kind.InsertToken:
                            flat.Insert(at, m.B % 2 == 0 ? " " + m.Token + " " : m.Token);
                            break;
                    }
                    lines = flat.ToString().Split('\n').ToList();
                    break;
            }
        }
        return string.Join('\n', lines);
    }
}
