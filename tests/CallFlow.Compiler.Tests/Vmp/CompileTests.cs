using System.Security.Cryptography;
using CallFlow.Compiler.Tests.Snapshots;
using CallFlow.Compiler.Text;
using CallFlow.Vmp;

namespace CallFlow.Compiler.Tests.Vmp;

public sealed class CompileTests
{
    [Fact]
    public void Same_sources_give_byte_identical_files()
    {
        var first = Programs.SampleBytes();
        var second = Programs.SampleBytes();
        Assert.Equal(first, second);
    }

    [Fact]
    public void File_order_on_the_command_line_does_not_matter()
    {
        var sources = Programs.SampleSources();
        var forward = Compilation.Create(sources).Emit();
        sources.Reverse();
        var backward = Compilation.Create(sources).Emit();
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void A_file_reads_back_to_the_program_that_was_written()
    {
        var program = Programs.SampleProgram();
        var read = VmpReader.Read(VmpWriter.Write(program));
        Assert.Equal(Disassembler.Disassemble(program), Disassembler.Disassemble(read));
        Assert.Equal(program.Code.ToArray(), read.Code.ToArray());
        Assert.Equal(program.Strings.ToArray(), read.Strings.ToArray());
        Assert.Equal(program.Values.ToArray(), read.Values.ToArray());
        Assert.Equal(program.Debug.ToArray(), read.Debug.ToArray());
    }

    [Fact]
    public void Nothing_is_emitted_when_there_are_errors()
    {
        var compilation = Programs.Case("static-error/ten-mistakes.vflow");
        Assert.True(compilation.HasErrors);
        Assert.Null(compilation.Emit());
    }

    [Fact]
    public void A_constant_condition_becomes_a_jump_and_its_dead_branch_is_reported_and_removed()
    {
        var compilation = Compilation.Create([new SourceText("c.vflow", """
            condition Never = false and weekly(Mon 09:00-10:00)
            start shortcode "*70" {
                test_condition Never {
                    on True -> Dead
                    on False -> Live
                }
                Dead: transfer "201"
                Live: transfer "200"
            }
            """)]);
        var warning = Assert.Single(compilation.Diagnostics);
        Assert.Equal("VF2011", warning.Code);
        var listing = Disassembler.Disassemble(compilation.EmitProgram()!);
        Assert.Contains("jump         0001", listing);
        Assert.Contains("destination \"200\"", listing);
        Assert.DoesNotContain("destination \"201\"", listing);
    }

    public static TheoryData<string> ValidCases() =>
        new(Directory.EnumerateFiles(RepositoryPaths.Combine("tests", "cases", "valid"), "*.vflow")
            .Order(StringComparer.Ordinal)
            .Select(f => "valid/" + Path.GetFileName(f)));

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Valid_case_disassembly_matches_its_snapshot(string relativePath)
    {
        var program = Programs.Case(relativePath).EmitProgram();
        Assert.NotNull(program);
        var listing = Disassembler.Disassemble(VmpReader.Read(VmpWriter.Write(program)));
        Snapshot.Verify(listing, Path.GetFileNameWithoutExtension(relativePath) + ".disasm");
    }

    [Fact]
    public void Samples_disassembly_matches_its_snapshot()
    {
        var bytes = Programs.SampleBytes();
        Snapshot.Verify(Disassembler.Disassemble(VmpReader.Read(bytes)), "samples.disasm");
    }

    [Fact]
    public void Samples_checksum_is_stable()
    {
        // A second pin beside the listing: any change in the bytes, even one the listing does not show, is seen.
        var hash = Convert.ToHexString(SHA256.HashData(Programs.SampleBytes())).ToLowerInvariant();
        Snapshot.Verify(hash, "samples.sha256");
    }
}
