using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Diagnostics;

namespace CallFlow.Compiler.Lowering;

/// <summary>One step from the checked program towards what the emitter writes; takes a program, returns a new one.</summary>
internal interface ILoweringPass
{
    BoundProgram Run(BoundProgram program, DiagnosticBag diagnostics);
}
