using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Diagnostics;

/// <summary>Collects diagnostics; never throws. Stages report here and carry on, so one run finds every error.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public int Count => _items.Count;
    public bool HasErrors { get; private set; }

    public void Report(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] args)
    {
        var diagnostic = new Diagnostic(descriptor, location, descriptor.FormatMessage(args), descriptor.FormatHint(args));
        _items.Add(diagnostic);
        HasErrors |= diagnostic.IsError;
    }

    public void Report(DiagnosticDescriptor descriptor, SourceText source, TextSpan span, params object?[] args) =>
        Report(descriptor, new SourceLocation(source, span), args);

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            _items.Add(diagnostic);
            HasErrors |= diagnostic.IsError;
        }
    }

    /// <summary>Diagnostics in a stable order: file, position, code.</summary>
    public ImmutableArray<Diagnostic> ToImmutableSorted() =>
    [
        .. _items
            .OrderBy(d => d.Location.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Span.Start)
            .ThenBy(d => d.Descriptor.Number)
            .ThenBy(d => d.Message, StringComparer.Ordinal),
    ];
}
