using System.Collections.Immutable;

namespace CallFlow.Speech.Prompts;

/// <summary>Characters one by one, for every grammar: 0-9 as <c>num_0</c>..<c>num_9</c>, then <c>key_star</c>, <c>key_hash</c>, <c>key_plus</c>.</summary>
internal static class DigitPieces
{
    /// <summary>The pieces for <paramref name="characters"/>; anything else (letters, spaces, dashes of a formatted number) is skipped.</summary>
    public static ImmutableArray<string> For(string characters)
    {
        var pieces = ImmutableArray.CreateBuilder<string>(characters.Length);
        foreach (var c in characters)
        {
            var piece = c switch
            {
                >= '0' and <= '9' => Numbers.Name(c - '0'),
                '*' => "key_star",
                '#' => "key_hash",
                '+' => "key_plus",
                _ => null,
            };
            if (piece is not null)
                pieces.Add(piece);
        }
        return pieces.ToImmutable();
    }
}
