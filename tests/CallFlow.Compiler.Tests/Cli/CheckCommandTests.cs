using System.Text.Json;
using CallFlow.Compiler.Tests.Snapshots;

namespace CallFlow.Compiler.Tests.Cli;

public sealed class CheckCommandTests
{
    private static Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => Vmc.Run(args);

    [Fact]
    public async Task Valid_file_exits_0()
    {
        var (exitCode, output, error) = await Run("check", "tests/cases/valid/attendant-basics.vflow");
        Assert.Equal(0, exitCode);
        Assert.Equal("1 file checked: 0 errors, 0 warnings\n", output);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Folder_is_searched_recursively_as_one_program_and_warnings_do_not_fail()
    {
        var folder = Directory.CreateTempSubdirectory("callflow-check-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "common"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "main.vflow"), "start default leave {\n    call Shared\n    get_mail caller\n}\n");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "common", "shared.vflow"), "module Shared {\n    return\n}\n");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "notes.txt"), "not a flow");
            var (exitCode, output, _) = await Run("check", folder.FullName);
            Assert.Equal(0, exitCode);
            Assert.Contains("warning VF2002: result 'Next' of 'get_mail@3' is not connected", output);
            Assert.EndsWith("2 files checked: 0 errors, 1 warning\n", output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Ten_mistakes_give_every_diagnostic_with_position_code_hint_and_excerpt()
    {
        var (exitCode, output, _) = await Run("check", "tests/cases/static-error/ten-mistakes.vflow");
        Assert.Equal(1, exitCode);
        Snapshot.Verify(output, "ten-mistakes.check");
    }

    [Fact]
    public async Task Json_format_lists_every_diagnostic()
    {
        var (exitCode, output, _) = await Run("check", "--format", "json", "tests/cases/static-error/ten-mistakes.vflow");
        Assert.Equal(1, exitCode);
        using var document = JsonDocument.Parse(output);
        var diagnostics = document.RootElement.GetProperty("diagnostics").EnumerateArray().ToList();
        var codes = diagnostics.Select(d => d.GetProperty("code").GetString()).Distinct().ToList();
        Assert.True(codes.Count >= 10, $"only {codes.Count} different codes");
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("tests/cases/static-error/ten-mistakes.vflow", d.GetProperty("file").GetString());
            Assert.True(d.GetProperty("line").GetInt32() >= 1);
            Assert.True(d.GetProperty("column").GetInt32() >= 1);
            Assert.False(string.IsNullOrEmpty(d.GetProperty("message").GetString()));
        });
        Assert.Equal(diagnostics.Count(d => d.GetProperty("severity").GetString() == "error"), document.RootElement.GetProperty("errors").GetInt32());
    }

    [Fact]
    public async Task Missing_path_exits_2_without_a_stack_trace()
    {
        var (exitCode, output, error) = await Run("check", "no/such/file.vflow");
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("'no/such/file.vflow' does not exist", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Folder_without_flows_exits_2()
    {
        var (exitCode, _, error) = await Run("check", "docs/diagnostics");
        Assert.Equal(2, exitCode);
        Assert.Contains("no .vflow files found", error);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check", "--format", "xml", "samples")]
    [InlineData("frobnicate")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var (exitCode, _, error) = await Run(args);
        Assert.Equal(2, exitCode);
        Assert.Contains("vmc: error:", error);
    }

    [Fact]
    public async Task Output_is_the_same_on_every_run()
    {
        var first = await Run("check", "tests/cases");
        var second = await Run("check", "tests/cases");
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Binary_garbage_gets_diagnostics_not_a_crash()
    {
        var path = Path.Combine(Path.GetTempPath(), $"callflow-garbage-{Guid.NewGuid():N}.vflow");
        var random = new Random(7);
        var bytes = new byte[20_000];
        random.NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var (exitCode, output, error) = await Run("check", path);
            Assert.Equal(1, exitCode);
            Assert.Contains("error VF0001", output);
            Assert.Equal("", error);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
