using System.Text;

namespace CallFlow.Configuration.Json;

/// <summary>
/// Maps a UTF-8 byte offset to a 1-based line and column. Lines end at '\n' (as Utf8JsonReader counts them), so a
/// "\r\n" file works too; columns count UTF-16 code units from the line start, so they match what editors show.
/// </summary>
internal sealed class LineMap
{
    private readonly byte[] _utf8;
    private readonly int[] _lineStarts;

    public LineMap(byte[] utf8)
    {
        _utf8 = utf8;
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
                starts.Add(i + 1);
        }
        _lineStarts = [.. starts];
    }

    /// <summary>The byte offset where 0-based line <paramref name="line"/> starts (clamped to the last line).</summary>
    public int LineStart(int line) => _lineStarts[Math.Clamp(line, 0, _lineStarts.Length - 1)];

    public (int Line, int Column) Position(int offset)
    {
        offset = Math.Clamp(offset, 0, _utf8.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        var start = _lineStarts[line];
        // The decoder never throws: an offset inside a multi-byte sequence counts the partial sequence as one character.
        var column = Encoding.UTF8.GetCharCount(_utf8, start, offset - start) + 1;
        return (line + 1, column);
    }
}
