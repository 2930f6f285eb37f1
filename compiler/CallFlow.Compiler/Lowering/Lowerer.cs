using System.Collections.Immutable;
using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Diagnostics;

namespace CallFlow.Compiler.Lowering;

/// <summary>
/// The lowering passes, in order. The sugar of the language (the implicit Next chain, inline blocks and inline
/// terminal targets, positional arguments) is already plain result wiring in the bound program: the binder
/// resolves it, so these passes work on one uniform graph.
/// </summary>
internal static class Lowerer
{
    private static readonly ImmutableArray<ILoweringPass> Passes =
    [
        new FoldConstantConditionsPass(),   // test_condition on a condition decided at compile time → a jump
        new RemoveUnreachableActionsPass(), // drop what no path reaches (reported by VF2001 / VF2011)
    ];

    public static BoundProgram Lower(BoundProgram program, DiagnosticBag diagnostics)
    {
        foreach (var pass in Passes)
            program = pass.Run(program, diagnostics);
        return program;
    }
}
