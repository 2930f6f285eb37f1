using CallFlow.Runtime.Evaluation;
using CompilerVariables = CallFlow.Compiler.Symbols.CallVariables;

namespace CallFlow.Runtime.Tests.Evaluation;

/// <summary>
/// The compiler (which checks names and assignments) and the runtime (which stores the values) each keep the
/// table of call variables; they cannot reference each other, so this test keeps the two tables equal.
/// </summary>
public sealed class VariableTableAgreementTests
{
    [Fact]
    public void Both_sides_know_the_same_named_variables_and_agree_which_a_flow_may_assign()
    {
        var compiler = CompilerVariables.Named.ToDictionary(v => v.Key, v => v.Value);
        var runtime = CallVariables.NamedVariables.ToDictionary(v => v.Key, v => v.Value == VariableAccess.Writable);
        Assert.Equal(compiler.Keys.Order(StringComparer.Ordinal), runtime.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, writable) in compiler)
            Assert.True(writable == runtime[name], $"${name}: the compiler says {(writable ? "writable" : "read-only")}, the runtime disagrees");
    }
}
