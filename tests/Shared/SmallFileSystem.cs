using System.Diagnostics;

namespace CallFlow.Tests.Shared;

/// <summary>
/// A real file system that can be filled up: a tmpfs of a few megabytes mounted on a fresh directory under the temp
/// folder, unmounted on dispose. Mounted where this process sees it, not in a private namespace reached through
/// <c>/proc/&lt;pid&gt;/root</c>: SQLite resolves symbolic links in a database's path, and that magic link resolves to
/// "/" of this process. Needs the right to mount (root, as on CI); without it the test fails and says so.
/// </summary>
internal sealed class SmallFileSystem : IDisposable
{
    private bool _mounted;

    public SmallFileSystem(int kilobytes)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "callflow-small-fs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
        var (exit, output) = Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "callflow-test", Path);
        if (exit != 0)
        {
            Directory.Delete(Path);
            throw new InvalidOperationException($"could not mount a small tmpfs on {Path} (needs root or CAP_SYS_ADMIN): {output}");
        }
        _mounted = true;
    }

    /// <summary>The root of the small file system.</summary>
    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler");
    /// <summary>Fills the file system with a file of zeros, leaving <paramref name="leaveBytes"/> free (about: whole pages).</summary>
    public void Fill(long leaveBytes)
    {
        Fill();
        using var file = new FileStream(Filler, FileMode.Open, FileAccess.Write);
        file.SetLength(Math.Max(0, file.Length - leaveBytes));
    }

    /// <summary>Fills the file system to the last byte with a file of zeros.</summary>
    public void Fill()
    {
        using var file = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[4096];
        try
        {
            while (true)
                file.Write(block);
        }
        catch (IOException)
        {
            // full; what fits of the last block was written
        }
        for (var size = 2048; size > 0; size /= 2)
            try
            {
                file.Write(block, 0, size);
            }
            catch (IOException)
            {
            }
    }

    /// <summary>Deletes what <see cref="Fill"/> wrote.</summary>
    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        if (_mounted)
        {
            // Lazy: a file a failed test left open must not keep the mount (and the directory) around.
            Run("umount", "-l", Path);
            _mounted = false;
        }
        try
        {
            Directory.Delete(Path);
        }
        catch (IOException)
        {
        }
    }

    private static (int Exit, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(10_000))
            process.Kill();
        return (process.ExitCode, output.Result + error);
    }
}
