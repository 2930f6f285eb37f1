using System.Text;

namespace CallFlow.Compiler.Tests.Snapshots;

/// <summary>A minimal line diff (longest common subsequence) for snapshot failures: '-' expected, '+' received.</summary>
public static class LineDiff
{
    public static string Format(string expected, string actual, int maxLines = 80)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        if ((long)a.Length * b.Length > 4_000_000)
            return $"(too large for a diff: {a.Length} vs {b.Length} lines)";
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var output = new StringBuilder();
        var lines = 0;
        int x = 0, y = 0;
        while ((x < a.Length || y < b.Length) && lines < maxLines)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
                continue;
            }
            if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
                output.Append("+ ").AppendLine(b[y++]);
            else
                output.Append("- ").AppendLine(a[x++]);
            lines++;
        }
        if (lines >= maxLines)
            output.AppendLine("...");
        return output.ToString();
    }
}
