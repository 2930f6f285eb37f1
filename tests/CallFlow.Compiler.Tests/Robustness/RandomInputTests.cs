using System.Text;
using CsCheck;

namespace CallFlow.Compiler.Tests.Robustness;

/// <summary>
/// Property: for any text, the checker returns (no exception, no hang) and every diagnostic is well formed; text
/// with content that cannot be a declaration gets at least one diagnostic. Seeds are fixed (see <see cref="Fuzz"/>).
/// </summary>
public sealed class RandomInputTests
{
    private static readonly Gen<byte[]> Bytes = Gen.Byte.Array[0, Fuzz.Long ? 4000 : 400];

    [Fact]
    public void Random_bytes_decoded_as_utf8() =>
        Fuzz.Sample(Bytes, bytes => CheckRandomText(Encoding.UTF8.GetString(bytes)), seed: 1, iterations: Fuzz.Iterations(1000, 40_000),
            print: Hex);

    [Fact]
    public void Random_bytes_decoded_as_latin1() =>
        Fuzz.Sample(Bytes, bytes => CheckRandomText(Encoding.Latin1.GetString(bytes)), seed: 2, iterations: Fuzz.Iterations(1000, 40_000),
            print: Hex);

    /// <summary>Random UTF-16 code units, lone surrogates, U+FFFE/U+FFFF and controls included.</summary>
    [Fact]
    public void Random_utf16_code_units() =>
        Fuzz.Sample(Gen.Char.Array[0, Fuzz.Long ? 2000 : 200].Select(chars => new string(chars)), CheckRandomText, seed: 3,
            iterations: Fuzz.Iterations(600, 20_000), print: Robust.Describe);

    /// <summary>Printable ASCII plus newlines: text that looks more like source, so the parser gets further.</summary>
    [Fact]
    public void Random_printable_ascii() =>
        Fuzz.Sample(Gen.Char[" !\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~\n\n\n\t"].Array[0, Fuzz.Long ? 2000 : 300].Select(c => new string(c)),
            CheckRandomText, seed: 4, iterations: Fuzz.Iterations(1000, 40_000), print: Robust.Describe);

    [Fact]
    public void Token_soup() =>
        Fuzz.Sample(Inputs.TokenSoup, text => Robust.Check(text), seed: 5, iterations: Fuzz.Iterations(1500, 60_000), print: Robust.Describe);

    [Fact]
    public void Token_soup_inside_a_flow_body() =>
        Fuzz.Sample(Inputs.TokenSoup, text => Robust.Check("module M {\n    " + text + "\n}\n"), seed: 6, iterations: Fuzz.Iterations(600, 30_000),
            print: Robust.Describe);

    [Fact]
    public void Token_soup_as_a_condition() =>
        Fuzz.Sample(Inputs.TokenSoup, text => Robust.Check("condition C = " + text.Replace('\n', ' ') + "\n"), seed: 7,
            iterations: Fuzz.Iterations(600, 30_000), print: Robust.Describe);

    [Fact]
    public void Grammar_shaped_programs() =>
        Fuzz.Sample(Inputs.Structured, text => Robust.Check(text), seed: 8, iterations: Fuzz.Iterations(1000, 40_000), print: Robust.Describe);

    /// <summary>The same programs split over two files, so names resolve (or clash) across sources.</summary>
    [Fact]
    public void Grammar_shaped_programs_in_two_files() =>
        Fuzz.Sample(Gen.Select(Inputs.Structured, Inputs.Structured), p => Robust.CheckSources(p.Item1, p.Item2), seed: 9,
            iterations: Fuzz.Iterations(300, 10_000), print: p => Robust.Describe(p.Item1) + " / " + Robust.Describe(p.Item2));

    private static void CheckRandomText(string text)
    {
        if (Robust.HasContent(text))
            Robust.CheckGarbage(text);
        else
            Robust.Check(text);
    }

    private static string Hex(byte[] bytes) => $"{bytes.Length} bytes: {Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 600)))}";
}
