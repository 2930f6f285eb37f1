using System.Text;

namespace CallFlow.Cli.Output;

/// <summary>
/// A plain text table: a header row and columns padded to their widest cell, two spaces apart, numbers right-aligned.
/// Trailing spaces are trimmed so output compares cleanly in tests and diffs.
/// </summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Columns whose cells are right-aligned (counts).</summary>
    public HashSet<int> RightAligned { get; } = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        WriteRow(writer, headers, widths);
        foreach (var row in _rows)
            WriteRow(writer, row, widths);
    }

    private void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                line.Append("  ");
            line.Append(RightAligned.Contains(i) ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }
        writer.WriteLine(line.ToString().TrimEnd());
    }
}
