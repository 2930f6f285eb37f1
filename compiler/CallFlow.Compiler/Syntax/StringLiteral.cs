using System.Globalization;
using System.Text;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>Decodes the escapes of a quoted string and reports the ones CallFlow does not know.</summary>
internal static class StringLiteral
{
    /// <param name="quoted">The token text, with its opening quote and (when terminated) its closing quote.</param>
    public static string Decode(string quoted, int tokenStart, SourceText source, DiagnosticBag diagnostics)
    {
        var end = quoted.Length > 1 && quoted[^1] == '"' ? quoted.Length - 1 : quoted.Length;
        var builder = new StringBuilder(end);
        for (var i = 1; i < end; i++)
        {
            var c = quoted[i];
            if (c != '\\' || i + 1 >= end)
            {
                builder.Append(c);
                continue;
            }

            var e = quoted[++i];
            switch (e)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case '$': builder.Append('$'); break;
                case 'u' when i + 4 < end && int.TryParse(quoted.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    i += 4;
                    break;
                default:
                    diagnostics.Report(DiagnosticDescriptors.InvalidEscape, source, new TextSpan(tokenStart + i - 1, 2), e.ToString());
                    builder.Append(e);
                    break;
            }
        }
        return builder.ToString();
    }
}
