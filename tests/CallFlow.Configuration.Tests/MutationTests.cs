using CsCheck;

namespace CallFlow.Configuration.Tests;

/// <summary>
/// Property: whatever is done to a valid file (characters deleted, inserted, replaced, lines swapped, values
/// retyped), the loader returns diagnostics and never throws; every diagnostic points inside the file.
/// </summary>
public sealed class MutationTests
{
    private static readonly string Sample = File.ReadAllText(RepositoryPaths.Combine("samples", "callflow.json"));

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e999", "3.5", "\"ip_office\"", "\"\"", "\"\\ud800\"", "//", "/*",
        "\"name\"", "\"users\"", "\"groups\"", "\"system\"", "\"HSales\"", "\"Alice\"", "\"Alice \"", "\n", "é", "€", "\u0000", "\"lifo\"",
        "\"min_message_length\": 4,", "\"extension\": \"201\",", "\"members\": [\"Nobody\"],",
    ];

    private static readonly Gen<string> Mutated =
        Gen.Int[1, 6].SelectMany(count => Gen.Select(Gen.Int[0, 4], Gen.Int[0, Sample.Length], Gen.Int[0, 40], Gen.Int[0, Fragments.Length - 1], Gen.Char)
            .Array[count]
            .Select(edits => edits.Aggregate(Sample, Apply)));

    [Fact]
    public void Mutated_samples_never_throw() =>
        Fuzz.Sample(Mutated, Check, seed: 11, iterations: 1500, print: text => text);

    [Fact]
    public void Random_text_never_throws() =>
        Fuzz.Sample(Gen.Char["{}[],:\"\\ tnrufalse0123456789.-eE/*\n"].Array[0, 300].Select(c => new string(c)), Check, seed: 12, iterations: 1500, print: text => text);

    private static void Check(string text)
    {
        var result = ConfigurationLoader.Parse(text, "mutated.json");
        var lines = text.Split('\n');
        Assert.Equal(result.Configuration is null, result.HasErrors);
        foreach (var diagnostic in result.Diagnostics)
        {
            Assert.InRange(diagnostic.Line, 1, lines.Length);
            Assert.InRange(diagnostic.Column, 1, lines[diagnostic.Line - 1].Length + 2);
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
            Assert.StartsWith("CFG", diagnostic.Code);
        }
    }

    private static string Apply(string text, (int Kind, int Position, int Length, int Fragment, char Char) edit)
    {
        var at = Math.Min(edit.Position, text.Length);
        var length = Math.Min(edit.Length, text.Length - at);
        return edit.Kind switch
        {
            0 => text.Remove(at, length),
            1 => text.Insert(at, Fragments[edit.Fragment]),
            2 => text.Remove(at, Math.Min(1, length)).Insert(at, edit.Char.ToString()),
            3 => text.Remove(at, length).Insert(at, Fragments[edit.Fragment]),
            _ => SwapLines(text, edit.Position, edit.Length),
        };
    }

    private static string SwapLines(string text, int a, int b)
    {
        var lines = text.Split('\n');
        (a, b) = (a % lines.Length, b % lines.Length);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return string.Join('\n', lines);
    }
}
