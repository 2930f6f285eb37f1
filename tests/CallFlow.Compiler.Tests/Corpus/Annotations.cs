using System.Globalization;
using System.Text.RegularExpressions;

namespace CallFlow.Compiler.Tests.Corpus;

/// <summary>
/// Reads expected diagnostics written inline in a corpus file, under the line they belong to:
/// <code>
///     test_condition Opn {
/// //                 ^^^ VF1009: condition 'Opn' is not defined
/// //@5 VF2002
/// </code>
/// The caret form marks the column with the first '^'; <c>//@col</c> names the column when it is too far left for
/// carets. The message after ':' is optional; when present it must match exactly.
/// </summary>
public static partial class Annotations
{
    [GeneratedRegex(@"^\s*//(?<pad>\s*)(?<carets>\^+)\s+(?<code>VF\d{4})(:\s*(?<message>.*))?$")]
    private static partial Regex CaretForm();

    [GeneratedRegex(@"^\s*//@(?<column>\d+)\s+(?<code>VF\d{4})(:\s*(?<message>.*))?$")]
    private static partial Regex ColumnForm();

    public static List<ExpectedDiagnostic> Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var expected = new List<ExpectedDiagnostic>();
        var target = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var caret = CaretForm().Match(line);
            var column = ColumnForm().Match(line);
            if (!caret.Success && !column.Success)
            {
                target = i + 1;
                continue;
            }
            var match = caret.Success ? caret : column;
            var col = caret.Success ? line.IndexOf('^') + 1 : int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture);
            var message = match.Groups["message"].Success ? match.Groups["message"].Value.TrimEnd() : null;
            expected.Add(new ExpectedDiagnostic(target, col, match.Groups["code"].Value, string.IsNullOrEmpty(message) ? null : message, i + 1));
        }
        return expected;
    }
}
