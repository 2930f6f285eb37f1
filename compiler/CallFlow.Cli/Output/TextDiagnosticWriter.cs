using System.Text;
using CallFlow.Compiler.Diagnostics;

namespace CallFlow.Cli.Output;

/// <summary>
/// Writes diagnostics the way compilers do, so editors and CI logs can link them:
/// <c>file(line,col): error VF1003: message</c>, the hint, then the source line with the span underlined.
/// </summary>
public static class TextDiagnosticWriter
{
    private const int MaxExcerpt = 120;

    public static void Write(TextWriter output, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            var location = diagnostic.Location;
            var start = location.Start;
            output.WriteLine($"{location.Path}({start.Line},{start.Column}): {Severity(diagnostic.Severity)} {diagnostic.Code}: {Printable(diagnostic.Message)}");
            if (!string.IsNullOrEmpty(diagnostic.Hint))
                output.WriteLine($"  hint: {Printable(diagnostic.Hint)}");
            WriteExcerpt(output, diagnostic);
        }
    }

    /// <summary>Messages can quote what the user wrote; control characters in it must not reach the terminal.</summary>
    private static string Printable(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())) : text;

    public static string Severity(Severity severity) => severity switch
    {
        Compiler.Diagnostics.Severity.Error => "error",
        Compiler.Diagnostics.Severity.Warning => "warning",
        _ => "info",
    };

    private static void WriteExcerpt(TextWriter output, Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        var start = location.Start;
        var end = location.End;
        var line = location.Source.GetLineText(start.Line);
        var caretStart = start.Column - 1;
        var caretEnd = end.Line == start.Line ? Math.Max(end.Column - 1, caretStart + 1) : Math.Max(line.Length, caretStart + 1);

        // Long lines are cut to a window around the span, so a minified or binary line stays readable.
        var offset = 0;
        if (line.Length > MaxExcerpt)
        {
            offset = Math.Clamp(caretStart - MaxExcerpt / 3, 0, Math.Max(0, line.Length - MaxExcerpt));
            line = line.Substring(offset, Math.Min(MaxExcerpt, line.Length - offset));
        }
        caretStart = Math.Clamp(caretStart - offset, 0, line.Length);
        caretEnd = Math.Clamp(caretEnd - offset, caretStart + 1, Math.Max(caretStart + 1, line.Length + 1));

        var gutter = start.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = new StringBuilder(line.Length);
        var marks = new StringBuilder(caretEnd);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            text.Append(c == '\t' ? '\t' : char.IsControl(c) || char.IsSurrogate(c) ? '\uFFFD' : c);
            if (i < caretStart)
                marks.Append(c == '\t' ? '\t' : ' ');
        }
        if (caretStart >= line.Length)
            marks.Append(' ', Math.Max(0, caretStart - line.Length));
        marks.Append('^', Math.Max(1, caretEnd - caretStart));

        output.WriteLine($"  {gutter} | {text}");
        output.WriteLine($"  {new string(' ', gutter.Length)} | {marks}");
    }
}
