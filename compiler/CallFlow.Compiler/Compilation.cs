using System.Collections.Immutable;
using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Checks;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Emit;
using CallFlow.Compiler.Lowering;
using CallFlow.Compiler.Syntax;
using CallFlow.Compiler.Text;
using CallFlow.Vmp;

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

    private readonly BoundProgram? _lowered;

    private Compilation(ImmutableArray<CompilationUnitSyntax> syntaxTrees, BoundProgram program, BoundProgram? lowered, ImmutableArray<Diagnostic> diagnostics)
    {
        SyntaxTrees = syntaxTrees;
        Program = program;
        _lowered = lowered;
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
        // get_mail runs a mailbox interface written in CallFlow (stdlib/); it joins the program that needs it.
        trees = [.. trees, .. StandardLibrary.NeededBy(trees, diagnostics)];
        var program = Binder.Bind(trees, diagnostics);
        foreach (var check in Checks)
            check.Run(program, diagnostics);
        // Lowering runs for 'check' too, so check and compile report the same diagnostics.
        var lowered = diagnostics.HasErrors ? null : Lowerer.Lower(program, diagnostics);
        return new Compilation(trees, program, lowered, diagnostics.ToImmutableSorted());
    }

    /// <summary>The root.vmp program, or null when there are errors (nothing is emitted for a flawed program).</summary>
    public VmpProgram? EmitProgram() => _lowered is null || HasErrors ? null : ProgramEmitter.Emit(_lowered);

    /// <summary>The root.vmp bytes, or null when there are errors. The same sources always give the same bytes.</summary>
    public byte[]? Emit() => EmitProgram() is { } program ? VmpWriter.Write(program) : null;

    /// <summary>Parses only: the syntax stage on its own, for tools and benchmarks.</summary>
    public static ImmutableArray<Diagnostic> ParseOnly(SourceText source)
    {
        var diagnostics = new DiagnosticBag();
        SyntaxTree.Parse(source, diagnostics);
        return diagnostics.ToImmutableSorted();
    }
}
