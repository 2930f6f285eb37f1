using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Tests.Binding;

public sealed class MailboxNameTests
{
    [Theory]
    [InlineData("A\\u0000B", "it contains '\\u0000'")]
    [InlineData("A\\u0001B", "it contains '\\u0001'")]
    [InlineData("A\\u007FB", "it contains '\\u007F'")]
    [InlineData("Sales/Support", "it contains '/'")]
    [InlineData("Sales ", "it ends with a space")]
    [InlineData(" Sales", "it starts with a space")]
    [InlineData("", "it is empty")]
    public void Names_that_cannot_be_mailboxes_are_refused(string escaped, string reason)
    {
        var compilation = Compilation.Create([new SourceText("m.vflow", $"start user \"{escaped}\" leave {{\n    disconnect\n}}\n")]);
        var diagnostic = Assert.Single(compilation.Diagnostics);
        Assert.Equal("VF1020", diagnostic.Code);
        Assert.EndsWith(reason, diagnostic.Message);
    }

    [Fact]
    public void Thousands_of_undefined_names_stay_fast_because_suggestions_have_a_budget()
    {
        var text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"module M{i} {{\n    goto X{i}\n}}\n"));
        var compilation = Compilation.Create([new SourceText("many.vflow", text)]);
        Assert.Equal(5000, compilation.Diagnostics.Count(d => d.Code == "VF1004"));
    }
}
