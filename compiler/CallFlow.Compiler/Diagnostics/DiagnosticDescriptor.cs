using System.Globalization;

namespace CallFlow.Compiler.Diagnostics;

/// <summary>
/// One diagnostic code: its number (never reused), a PascalCase name (the docs page is
/// <c>docs/diagnostics/VFnnnn-Name.md</c>), its severity, and message and hint templates with
/// <c>{0}</c>-style holes.
/// </summary>
public sealed record DiagnosticDescriptor(int Number, string Name, Severity Severity, string MessageFormat, string? HintFormat)
{
    public string Code => "VF" + Number.ToString("D4", CultureInfo.InvariantCulture);

    public string FormatMessage(object?[] args) => string.Format(CultureInfo.InvariantCulture, MessageFormat, args);

    public string? FormatHint(object?[] args) =>
        HintFormat is null ? null : string.Format(CultureInfo.InvariantCulture, HintFormat, args);
}
