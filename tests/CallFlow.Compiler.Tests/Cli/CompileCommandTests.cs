
namespace CallFlow.Compiler.Tests.Cli;

public sealed class CompileCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("callflow-compile-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => Vmc.Run(args);

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);

    [Fact]
    public async Task Compiling_the_samples_twice_gives_identical_files_that_disasm_reads_back()
    {
        var (exitCode, output, _) = await Run("compile", "samples", "-o", PathOf("a.vmp"));
        Assert.Equal(0, exitCode);
        Assert.Matches(@"5 files compiled: 0 errors, 0 warnings; .*a\.vmp: \d+ bytes, \d+ instructions\n$", output);
        await Run("compile", "samples", "-o", PathOf("b.vmp"));
        Assert.Equal(await File.ReadAllBytesAsync(PathOf("a.vmp")), await File.ReadAllBytesAsync(PathOf("b.vmp")));

        var (disasmExit, listing, _) = await Run("disasm", PathOf("a.vmp"));
        Assert.Equal(0, disasmExit);
        Assert.StartsWith("; root.vmp format 1", listing);
        Assert.Contains("start \"Default.Leave\"", listing);
    }

    [Fact]
    public async Task Listing_is_written_beside_the_binary()
    {
        var (exitCode, _, _) = await Run("compile", "samples", "-o", PathOf("root.vmp"), "--listing");
        Assert.Equal(0, exitCode);
        var (_, listing, _) = await Run("disasm", PathOf("root.vmp"));
        Assert.Equal(listing, await File.ReadAllTextAsync(PathOf("root.lst")));
    }

    [Fact]
    public async Task Errors_write_nothing_and_leave_an_existing_file_untouched()
    {
        await File.WriteAllTextAsync(PathOf("root.vmp"), "previous version");
        var (exitCode, output, _) = await Run("compile", "tests/cases/static-error/ten-mistakes.vflow", "-o", PathOf("root.vmp"));
        Assert.Equal(1, exitCode);
        Assert.Contains("error VF1003", output);
        Assert.EndsWith("; nothing written\n", output);
        Assert.Equal("previous version", await File.ReadAllTextAsync(PathOf("root.vmp")));
        Assert.Single(_folder.GetFiles());
    }

    [Fact]
    public async Task Disasm_refuses_a_damaged_file_with_its_code()
    {
        await Run("compile", "samples", "-o", PathOf("root.vmp"));
        var bytes = await File.ReadAllBytesAsync(PathOf("root.vmp"));
        bytes[^3] ^= 0xFF;
        await File.WriteAllBytesAsync(PathOf("damaged.vmp"), bytes);
        var (exitCode, output, error) = await Run("disasm", PathOf("damaged.vmp"));
        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Contains("error VF5005: the checksum does not match the content", error);
    }

    [Fact]
    public async Task Disasm_of_a_source_file_or_a_missing_file_is_a_clear_error()
    {
        var (exitCode, _, error) = await Run("disasm", "samples/attendant.vflow");
        Assert.Equal(1, exitCode);
        Assert.Contains("error VF5001", error);
        (exitCode, _, error) = await Run("disasm", PathOf("missing.vmp"));
        Assert.Equal(2, exitCode);
        Assert.Contains("cannot read", error);
    }
}
