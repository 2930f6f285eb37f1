namespace CallFlow.Compiler.Text;

/// <summary>A span inside a particular source file.</summary>
public readonly record struct SourceLocation(SourceText Source, TextSpan Span)
{
    public LinePosition Start => Source.GetPosition(Span.Start);
    public LinePosition End => Source.GetPosition(Span.End);
    public string Path => Source.Path;

    public override string ToString() => $"{Path}({Start})";
}
