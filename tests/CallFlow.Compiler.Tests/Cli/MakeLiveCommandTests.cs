using CallFlow.Runtime.Hosting.Live;

namespace CallFlow.Compiler.Tests.Cli;

/// <summary>vmc make-live: publishes only error-free flows, says which version is live, rolls back.</summary>
public sealed class MakeLiveCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("callflow-make-live-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Samples_go_live_a_broken_flow_changes_nothing_and_rollback_goes_back()
    {
        var data = Path.Combine(_folder.FullName, "data");
        var (exit, output, error) = await Vmc.Run("make-live", "samples", "--data", data);
        Assert.True(exit == 0, error);
        Assert.Contains("root.vmp v1 (", output);
        Assert.Contains(") is live", output);

        var broken = Path.Combine(_folder.FullName, "broken.vflow");
        await File.WriteAllTextAsync(broken, "start shortcode \"*1\" {\n    speek_text \"hi\"\n}\n");
        (exit, output, _) = await Vmc.Run("make-live", broken, "--data", data);
        Assert.Equal(1, exit);
        Assert.Contains("nothing made live, the live version is unchanged", output + error);
        Assert.Equal(1, new ProgramRepository(Path.Combine(data, "live")).Current()!.Number);

        var other = Path.Combine(_folder.FullName, "other.vflow");
        await File.WriteAllTextAsync(other, "start shortcode \"*1\" {\n    speak_text \"hi\" -> disconnect\n}\n");
        (exit, output, _) = await Vmc.Run("make-live", other, "--data", data);
        Assert.Equal(0, exit);
        Assert.Contains("root.vmp v2 (", output);

        (exit, output, _) = await Vmc.Run("make-live", "--rollback", "--data", data);
        Assert.Equal(0, exit);
        Assert.Contains("root.vmp v1 (", output);
        Assert.Contains("is live again", output);
        Assert.Equal(1, new ProgramRepository(Path.Combine(data, "live")).Current()!.Number);
    }

    [Fact]
    public async Task Usage_mistakes_are_refused()
    {
        Assert.Equal(2, (await Vmc.Run("make-live", "--data", _folder.FullName)).ExitCode);
        Assert.Equal(2, (await Vmc.Run("make-live", "samples", "--rollback", "--data", _folder.FullName)).ExitCode);
        Assert.Equal(2, (await Vmc.Run("make-live", "--rollback", "--data", Path.Combine(_folder.FullName, "nothing"))).ExitCode);
    }
}
