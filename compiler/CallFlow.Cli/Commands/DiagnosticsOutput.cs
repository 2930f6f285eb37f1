using System.Collections.Immutable;
using System.Globalization;
using CallFlow.Cli.Output;
using CallFlow.Compiler.Diagnostics;

namespace CallFlow.Cli.Commands;

/// <summary>Writes a compilation's diagnostics in the chosen format; shared by check and compile.</summary>
internal static class DiagnosticsOutput
{
    public static void Write(IOContext io, string format, ImmutableArray<Diagnostic> diagnostics, int fileCount, string verb, string? suffix = null)
    {
        if (format == "json")
        {
            JsonDiagnosticWriter.Write(io.Output, diagnostics, fileCount);
            return;
        }
        TextDiagnosticWriter.Write(io.Output, diagnostics);
        var errors = diagnostics.Count(d => d.IsError);
        var warnings = diagnostics.Count(d => d.Severity == Severity.Warning);
        io.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Count(fileCount, "file")} {verb}: {Count(errors, "error")}, {Count(warnings, "warning")}{suffix}"));
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
