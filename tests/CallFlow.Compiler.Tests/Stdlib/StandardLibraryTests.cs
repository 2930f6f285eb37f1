using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Tests.Stdlib;

/// <summary>The mailbox interfaces in stdlib/ are ordinary flows: they compile cleanly, join programs that use
/// get_mail, and give way to a program's own module of the same name.</summary>
public sealed class StandardLibraryTests
{
    [Fact]
    public void The_built_in_sources_are_the_files_in_stdlib()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.Combine("stdlib"), "*.vflow").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, StandardLibrary.Sources.Select(s => Path.GetFileName(s.Path)).ToList());
        Assert.Contains("intuity-mailbox.vflow", files);
        Assert.Contains("ipoffice-mailbox.vflow", files);
        foreach (var source in StandardLibrary.Sources)
            Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("stdlib", Path.GetFileName(source.Path))), source.Text);
    }

    [Fact]
    public void A_program_using_get_mail_gets_both_interfaces_with_no_diagnostics()
    {
        var compilation = Compilation.Create([new SourceText("main.vflow", "start default collect {\n    get_mail caller { pin \"$\" } -> disconnect\n}\n")]);
        Assert.Empty(compilation.Diagnostics);
        var program = compilation.EmitProgram()!;
        var flows = program.Flows.Select(f => program.Strings[f.Name]).ToList();
        Assert.Contains("IntuityMailbox", flows);
        Assert.Contains("IpOfficeMailbox", flows);
    }

    [Fact]
    public void A_program_without_get_mail_is_left_as_it_is()
    {
        var compilation = Compilation.Create([new SourceText("main.vflow", "start default leave {\n    leave_mail caller { on Success, Failure -> disconnect }\n}\n")]);
        var program = compilation.EmitProgram()!;
        Assert.DoesNotContain(program.Flows, f => program.Strings[f.Name] == "IntuityMailbox");
    }

    [Fact]
    public void A_module_of_the_program_replaces_the_stdlib_one()
    {
        var compilation = Compilation.Create([new SourceText("main.vflow", """
            start default collect {
                get_mail caller -> disconnect
            }
            module IntuityMailbox {
                speak_text "Our own mailbox menu." -> return
            }
            """)]);
        Assert.Empty(compilation.Diagnostics);
        var program = compilation.EmitProgram()!;
        Assert.Single(program.Flows, f => program.Strings[f.Name] == "IntuityMailbox");
        Assert.Contains("Our own mailbox menu.", program.Strings);
        Assert.Contains(program.Flows, f => program.Strings[f.Name] == "IpOfficeMailbox");
    }
}
