namespace CallFlow.Configuration;

/// <summary>
/// "Did you mean" for keys, options and names: candidates equal but for case and '_', '-' or ' ', or a few edits
/// away (transpositions count as one edit).
/// </summary>
/// <example><c>Suggestions.Closest("emial_mode", ["email", "email_mode"])</c> is <c>["email_mode"]</c>.</example>
public static class Suggestions
{
    /// <summary>The close candidates, best first, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<string> Closest(string input, IEnumerable<string> candidates, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        var folded = Fold(input);
        // A name longer than any real one cannot be a typo of one; this also bounds the edit-distance work.
        if (folded.Length > 256)
            return [];
        var limit = folded.Length <= 4 ? 1 : folded.Length <= 10 ? 2 : 3;
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Where(c => !string.Equals(c, input, StringComparison.Ordinal))
            .Select(c => (Candidate: c, Distance: Distance(folded, Fold(c), limit)))
            .Where(x => x.Distance <= limit)
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.Candidate)
            .ToList();
    }

    /// <summary>"; did you mean 'x'?" for the best candidate, or "" when none is close.</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates) =>
        Closest(input, candidates, 1) is [var best] ? $"; did you mean '{best}'?" : "";

    private static string Fold(string text) =>
        new([.. text.Where(c => c is not ('_' or '-' or ' ')).Select(char.ToLowerInvariant)]);

    /// <summary>Optimal string alignment distance; limit + 1 when the lengths alone differ by more than the limit.</summary>
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit || b.Length > 256)
            return limit + 1;
        var rows = new int[3][];
        for (var r = 0; r < 3; r++)
            rows[r] = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            rows[0][j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var (previous2, previous, current) = (rows[(i + 1) % 3], rows[(i + 2) % 3], rows[i % 3]);
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
            }
        }
        return rows[a.Length % 3][b.Length];
    }
}
