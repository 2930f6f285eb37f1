namespace CallFlow.Compiler.Binding;

/// <summary>"Did you mean" hints: the closest candidate by edit distance, when it is close enough to be a typo.</summary>
internal static class Suggestions
{
    private const int MaxLength = 64;

    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        // Typos are short; comparing a 100,000-character name with every candidate would take minutes.
        if (name.Length > MaxLength)
            return null;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        var allowed = Math.Max(1, Math.Min(3, name.Length / 3));
        return best is not null && bestDistance <= allowed ? best : null;
    }

    public static string Hint(string name, IEnumerable<string> candidates, string fallback)
    {
        var list = candidates.ToList();
        var closest = Closest(name, list);
        return closest is not null ? $"did you mean '{closest}'?" : fallback;
    }

    public static string List(IEnumerable<string> items, int max = 12)
    {
        var all = items.ToList();
        return all.Count == 0 ? "(none)" : all.Count <= max ? string.Join(", ", all) : string.Join(", ", all.Take(max)) + ", ...";
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3 || b.Length > MaxLength)
            return int.MaxValue;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
