using System.Text;

namespace CallFlow.Runtime.Evaluation;

/// <summary>
/// STRING's functions (reference §5): mid(v,pos,n), left(v,n), right(v,n), lower(v), upper(v), reverse(v).
/// </summary>
/// <remarks>
/// <para><b>mid counts positions from 1</b>, like VBScript's Mid. The reference's only example,
/// <c>mid("01555364200",3,3)</c> = "555", holds only then: from 0 it would be "553". (The reference and
/// docs/language.md §12 say "from 0"; their example says otherwise, and the example wins.)</para>
/// <para><b>Never fails on values</b>: positions and counts are read like counters (truncated toward zero, text
/// that is not a number is 0) and then clamped to the value: a position before the start means the start, a
/// count past the end means up to the end, a negative count means nothing. <c>mid("abc",0,2)</c> is "ab",
/// <c>left("abc",10)</c> is "abc", <c>right("abc",-1)</c> is "".</para>
/// <para><b>Characters</b> are Unicode code points, so a surrogate pair is never split or reversed into garbage (a lone surrogate, which is not
/// valid text, reads as U+FFFD).
/// lower and upper use the invariant culture's case mapping, never the machine's (no Turkish dotless i).</para>
/// <para>The arguments are split at commas before variables are replaced, so a value holding a comma is safe;
/// white space around an argument is layout and is dropped, white space inside a variable's value is kept.</para>
/// </remarks>
internal static class StringFunctions
{
    /// <summary>Applies the function call written in <paramref name="expression"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryApply(string expression, CallVariables variables, out string result, out string error)
    {
        result = "";
        error = "";
        var call = expression.Trim();
        var open = call.IndexOf('(');
        if (open <= 0 || !call.EndsWith(')'))
        {
            error = $"'{call}' is not a function call such as left($CLI,4)";
            return false;
        }
        var name = call[..open].Trim();
        var arguments = call[(open + 1)..^1].Split(',');
        var arity = name switch { "mid" => 3, "left" or "right" => 2, "lower" or "upper" or "reverse" => 1, _ => 0 };
        if (arity == 0)
        {
            error = $"'{name}' is not a string function (mid, left, right, lower, upper, reverse)";
            return false;
        }
        if (arguments.Length != arity)
        {
            error = $"{name}() takes {arity} argument{(arity == 1 ? "" : "s")}, not {arguments.Length}";
            return false;
        }

        var value = variables.Expand(arguments[0].Trim());
        long Number(int index) => InvariantNumber.ToInteger(variables.Expand(arguments[index].Trim()));
        result = name switch
        {
            "mid" => Mid(value, Number(1), Number(2)),
            "left" => Left(value, Number(1)),
            "right" => Right(value, Number(1)),
            "lower" => value.ToLowerInvariant(),
            "upper" => value.ToUpperInvariant(),
            _ => Reverse(value),
        };
        return true;
    }

    /// <summary>Up to <paramref name="count"/> code points from 1-based <paramref name="position"/>.</summary>
    public static string Mid(string value, long position, long count)
    {
        var runes = value.EnumerateRunes().ToArray();
        var start = (int)Math.Clamp(position, 1, runes.Length + 1) - 1;
        return Join(runes.AsSpan(start, (int)Math.Clamp(count, 0, runes.Length - start)));
    }

    /// <summary>The first <paramref name="count"/> code points.</summary>
    public static string Left(string value, long count) => Mid(value, 1, count);

    /// <summary>The last <paramref name="count"/> code points.</summary>
    public static string Right(string value, long count)
    {
        var runes = value.EnumerateRunes().ToArray();
        var take = (int)Math.Clamp(count, 0, runes.Length);
        return Join(runes.AsSpan(runes.Length - take, take));
    }

    /// <summary>The code points in reverse order: "ABCdef123" → "321fedCBA".</summary>
    public static string Reverse(string value)
    {
        var runes = value.EnumerateRunes().ToArray();
        Array.Reverse(runes);
        return Join(runes);
    }

    private static string Join(ReadOnlySpan<Rune> runes)
    {
        var builder = new StringBuilder(runes.Length);
        foreach (var rune in runes)
            builder.Append(rune);
        return builder.ToString();
    }
}
