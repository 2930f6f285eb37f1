using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Runtime.Hosting.Live;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Tests.Hosting;

/// <summary>Save &amp; Make Live: versions published atomically, refused when corrupt, kept for rollback, and picked
/// up by new calls while calls in progress keep theirs.</summary>
public sealed class LiveProgramTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("callflow-live-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static byte[] Program(string greeting) =>
        Compilation.Create([new SourceText("main.vflow", $"start shortcode \"*1\" {{\n    speak_text \"{greeting}\" -> disconnect\n}}\n")]).Emit()!;

    [Fact]
    public void Publishing_makes_each_version_live_and_rollback_returns_to_the_one_before()
    {
        var repository = new ProgramRepository(_folder.FullName);
        Assert.Null(repository.Current());
        var first = repository.Publish(Program("one"));
        var second = repository.Publish(Program("two"));
        Assert.Equal(1, first.Number);
        Assert.Equal(2, second.Number);
        Assert.Equal(second, repository.Current());
        Assert.Equal(first, repository.Rollback());
        Assert.Equal(first, repository.Current());
        Assert.Null(new ProgramRepository(Path.Combine(_folder.FullName, "empty")).Rollback());
    }

    [Fact]
    public void The_same_program_twice_is_one_version()
    {
        var repository = new ProgramRepository(_folder.FullName);
        Assert.Equal(repository.Publish(Program("same")), repository.Publish(Program("same")));
        Assert.Single(repository.Versions());
    }

    [Fact]
    public void A_corrupt_program_is_refused_and_nothing_changes()
    {
        var repository = new ProgramRepository(_folder.FullName);
        var good = repository.Publish(Program("good"));
        var bad = Program("bad");
        bad[^1] ^= 0xFF;
        Assert.Throws<VmpLoadException>(() => repository.Publish(bad));
        Assert.Equal(good, repository.Current());
        Assert.Single(repository.Versions());
    }

    [Fact]
    public void Only_the_last_versions_are_kept()
    {
        var repository = new ProgramRepository(_folder.FullName) { Keep = 3 };
        for (var i = 0; i < 6; i++)
            repository.Publish(Program($"version {i}"));
        Assert.Equal([4, 5, 6], repository.Versions().Select(v => v.Number));
        Assert.Equal(6, repository.Current()!.Number);
    }

    [Fact]
    public void New_calls_get_the_new_version_and_running_calls_keep_theirs()
    {
        var repository = new ProgramRepository(_folder.FullName);
        var live = new LiveProgram(repository);
        Assert.Null(live.Refresh());
        repository.Publish(Program("before"));
        Assert.NotNull(live.Refresh());
        var running = live.Current!.Value.Program;      // a call in progress holds this program
        repository.Publish(Program("after"));
        Assert.Equal(2, live.Refresh()!.Number);
        Assert.Null(live.Refresh());                     // nothing new since
        Assert.Contains("before", running.Program.Strings);
        Assert.Contains("after", live.Current!.Value.Program.Program.Strings);
    }

    [Fact]
    public async Task Readers_never_see_a_half_published_version()
    {
        var repository = new ProgramRepository(_folder.FullName);
        repository.Publish(Program("start"));
        var live = new LiveProgram(repository);
        var failures = new List<string>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            // Bounded: at most 20,000 refreshes while the publisher runs.
            for (var i = 0; i < 20_000 && !stop.IsCancellationRequested; i++)
                live.Refresh(failures.Add);
        });
        for (var i = 0; i < 40; i++)
            repository.Publish(Program($"version {i}"));
        stop.Cancel();
        await reader.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(failures);
    }
}
