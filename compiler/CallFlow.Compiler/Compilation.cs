using System.Collections.Immutable;
using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Checks;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Syntax;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler;

/// <summary>
/// The compiler's façade: parses every source, binds them together as one program (one root.vmp), runs the
/// checks, and collects every diagnostic. Never throws for bad input.
/// </summary>
/// <example><code>
/// var compilation = Compilation.Create([new SourceText("main.vflow", text)]);
/// foreach (var d in compilation.Diagnostics) Console.WriteLine(d.Message);
/// </code></example>
public sealed class Compilation
{
    private static readonly ImmutableArray<IProgramCheck> Checks =
    [
        new ReachabilityCheck(),
        new UnconnectedResultCheck(),
        new LoopWithoutInputCheck(),
        new ModuleCycleCheck(),
        new MenuKeyCheck(),
    ];

    private Compilation(ImmutableArray<CompilationUnitSyntax> syntaxTrees, BoundProgram program, ImmutableArray<Diagnostic> diagnostics)
    {
        SyntaxTrees = syntaxTrees;
        Program = program;
        Diagnostics = diagnostics;
    }

    public ImmutableArray<CompilationUnitSyntax> SyntaxTrees { get; }
    public BoundProgram Program { get; }
    public ImmutableArray<Diagnostic> Diagnostics { get; }
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public static Compilation Create(IEnumerable<SourceText> sources)
    {
        var diagnostics = new DiagnosticBag();
        var trees = sources
            .OrderBy(s => s.Path, StringComparer.Ordinal)
            .Select(source => SyntaxTree.Parse(source, diagnostics))
            .ToImmutableArray();
        var program = Binder.Bind(trees, diagnostics);
        foreach (var check in Checks)
            check.Run(program, diagnostics);
        return new Compilation(trees, program, diagnostics.ToImmutableSorted());
    }

    /// <summary>Parses only: the syntax stage on its own, for tools and benchmarks.</summary>
    public static ImmutableArray<Diagnostic> ParseOnly(SourceText source)
    {
        var diagnostics = new DiagnosticBag();
        SyntaxTree.Parse(source, diagnostics);
        return diagnostics.ToImmutableSorted();
    }
}
