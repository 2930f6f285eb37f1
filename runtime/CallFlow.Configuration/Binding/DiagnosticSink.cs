using System.Collections.Immutable;
using CallFlow.Configuration.Json;

namespace CallFlow.Configuration.Binding;

/// <summary>Collects diagnostics, turning byte offsets into lines and columns. Only grows.</summary>
internal sealed class DiagnosticSink(string file, LineMap? lines)
{
    private readonly List<ConfigurationDiagnostic> _diagnostics = [];

    public bool HasErrors { get; private set; }

    public void Error(int offset, string path, string code, string message, string? hint = null) =>
        Add(offset, path, ConfigurationSeverity.Error, code, message, hint);

    public void Warning(int offset, string path, string code, string message, string? hint = null) =>
        Add(offset, path, ConfigurationSeverity.Warning, code, message, hint);

    /// <summary>"line 12" for a message that refers to another place in the file.</summary>
    public string LineOf(int offset) => lines is null ? "elsewhere" : $"line {lines.Position(offset).Line}";

    /// <summary>Every diagnostic in file order (a stable sort keeps same-place ones in the order found).</summary>
    public ImmutableArray<ConfigurationDiagnostic> ToImmutable() =>
        [.. _diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)];

    private void Add(int offset, string path, ConfigurationSeverity severity, string code, string message, string? hint)
    {
        var (line, column) = lines?.Position(offset) ?? (0, 0);
        _diagnostics.Add(new ConfigurationDiagnostic(file, line, column, path, severity, code, message, hint));
        HasErrors |= severity == ConfigurationSeverity.Error;
    }
}
