namespace CallFlow.Compiler.Binding;

/// <summary>Finds call variables written inside strings: "Greeting$KEY.wav", "Hello $CLI", "$REG[Night]".</summary>
internal static class VariableScanner
{
    /// <param name="raw">The string token as written, quotes included, so offsets are offsets in the source.</param>
    public static IEnumerable<(string Name, int Offset)> Scan(string raw)
    {
        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[i] == '\\')
            {
                i++; // \$ and other escapes are literal
                continue;
            }
            if (raw[i] != '$' || i + 1 >= raw.Length || !(char.IsAsciiLetter(raw[i + 1]) || raw[i + 1] == '_'))
                continue;
            var end = i + 1;
            // A name runs over letters, digits and '_', so "Greeting$KEY.wav" reads as $KEY and a misspelt or
            // lower-case "$cli" is reported instead of silently spoken as text.
            while (end < raw.Length && (char.IsAsciiLetterOrDigit(raw[end]) || raw[end] == '_'))
                end++;
            if (end < raw.Length && raw[end] == '[')
            {
                var close = raw.IndexOf(']', end);
                if (close > end)
                    end = close + 1;
            }
            if (end == i + 1)
                continue;
            yield return (raw[i..end], i);
            i = end - 1;
        }
    }
}
