using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Diagnostics;

namespace CallFlow.Compiler.Checks;

/// <summary>One check over the bound program. Checks only read; they report and never change the program.</summary>
internal interface IProgramCheck
{
    void Run(BoundProgram program, DiagnosticBag diagnostics);
}
