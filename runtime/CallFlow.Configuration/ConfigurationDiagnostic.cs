using System.Globalization;

namespace CallFlow.Configuration;

/// <summary>One problem found in a configuration file, pointing at the key or value that causes it.</summary>
/// <param name="File">The path as given to the loader.</param>
/// <param name="Line">1-based line; 0 when the problem is with the file as a whole (missing, unreadable).</param>
/// <param name="Column">1-based column in characters (UTF-16 code units; a tab counts one); 0 with <paramref name="Line"/> 0.</param>
/// <param name="Path">Where in the document, e.g. <c>users[2].email_mode</c>; "" for the document itself.</param>
/// <param name="Severity">Warning or error.</param>
/// <param name="Code">Stable code, e.g. <c>CFG201</c> (<see cref="ConfigurationCodes"/>); a number is never reused.</param>
/// <param name="Message">One sentence, no trailing period.</param>
/// <param name="Hint">What to write instead, when it can be told.</param>
/// <example><c>callflow.json(14,21): error CFG304: users[2].email_mode: e-mail mode 'copy' needs an e-mail address</c></example>
public sealed record ConfigurationDiagnostic(
    string File,
    int Line,
    int Column,
    string Path,
    ConfigurationSeverity Severity,
    string Code,
    string Message,
    string? Hint = null)
{
    /// <summary>True for errors.</summary>
    public bool IsError => Severity == ConfigurationSeverity.Error;

    /// <summary><c>file(line,col): severity code: path: message</c>, then <c>  hint: …</c> on a second line when there is one.</summary>
    public override string ToString()
    {
        var position = Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"({Line},{Column})") : "";
        var severity = Severity == ConfigurationSeverity.Error ? "error" : "warning";
        var where = Path.Length > 0 ? Path + ": " : "";
        var text = $"{File}{position}: {severity} {Code}: {where}{Message}";
        return Hint is null ? text : text + "\n  hint: " + Hint;
    }
}
