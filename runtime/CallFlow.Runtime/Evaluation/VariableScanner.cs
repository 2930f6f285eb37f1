namespace CallFlow.Runtime.Evaluation;

/// <summary>
/// Finds where a variable name written in run-time text ends, with the compiler's rule
/// (compiler/CallFlow.Compiler/Binding/VariableScanner.cs): '$', a letter or '_', then letters, digits and '_',
/// then an optional "[...]" up to the next ']'. "Greeting$KEY.wav" names $KEY; "$CP[3]" and "$REG[Night]" are
/// whole names.
/// </summary>
/// <remarks>
/// There are no escapes here: the compiler already turned "\$" into "$" when it decoded the string, so a '$'
/// that is not followed by a letter or '_' ("$5", "a $ sign") is plain text.
/// </remarks>
internal static class VariableScanner
{
    /// <summary>The index just past the name that starts at <paramref name="dollar"/>, or -1 when that '$' starts no name.</summary>
    public static int NameEnd(string text, int dollar)
    {
        if (dollar + 1 >= text.Length || text[dollar] != '$' || !(char.IsAsciiLetter(text[dollar + 1]) || text[dollar + 1] == '_'))
            return -1;
        var end = dollar + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
            end++;
        if (end < text.Length && text[end] == '[')
        {
            var close = text.IndexOf(']', end);
            if (close > end)
                end = close + 1;
        }
        return end;
    }
}
