namespace CallFlow.Compiler.Text;

/// <summary>A 1-based line and column, as editors and <c>file(line,col)</c> messages count them.</summary>
public readonly record struct LinePosition(int Line, int Column)
{
    public override string ToString() => $"{Line},{Column}";
}
