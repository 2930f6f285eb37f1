using CallFlow.Mailbox.Tests.Support;

namespace CallFlow.Mailbox.Tests;

public sealed class DurableFileTests
{
    [Fact]
    public void Directories_can_be_flushed_on_this_platform()
    {
        using var directory = new TempDirectory();
        Assert.True(DurableFile.TrySyncDirectory(directory.Path));
        Assert.False(DurableFile.TrySyncDirectory(Path.Combine(directory.Path, "missing")) && !OperatingSystem.IsWindows());
    }

    [Fact]
    public void An_atomic_write_replaces_the_whole_file_and_leaves_no_temporary()
    {
        using var directory = new TempDirectory();
        var tmp = Directory.CreateDirectory(Path.Combine(directory.Path, "tmp")).FullName;
        var target = Path.Combine(directory.Path, "greeting.wav");
        DurableFile.WriteAtomically(tmp, target, [1, 2], [3, 4, 5], padByte: true);
        Assert.Equal([1, 2, 3, 4, 5, 0], File.ReadAllBytes(target));
        DurableFile.WriteAtomically(tmp, target, [9], [], padByte: false);
        Assert.Equal([9], File.ReadAllBytes(target));
        Assert.Empty(Directory.EnumerateFileSystemEntries(tmp));
    }
}
