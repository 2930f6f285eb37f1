using System.Globalization;
using System.Security.Cryptography;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Hosting.Live;

/// <summary>
/// The published versions of root.vmp under a server's data directory, and which one is live (Save &amp; Make Live):
/// <code>
/// live/versions/0003-1a2b3c4d.vmp   every kept version, never modified once written
/// live/current                      the file name of the live version, replaced atomically
/// </code>
/// Publishing verifies the program first (a file the loader refuses never becomes live), writes the version file
/// (temporary name, flushed, renamed), then replaces <c>current</c> the same way: a reader sees the old version or the
/// new one, never a mix. The last <see cref="Keep"/> versions stay for <see cref="Rollback"/>. One publisher at a time
/// (a lock file); any number of readers.
/// </summary>
public sealed class ProgramRepository(string liveDirectory)
{
    private const string CurrentFile = "current";

    /// <summary>How many versions are kept (the live one included).</summary>
    public int Keep { get; init; } = 5;

    /// <summary>The folder holding <c>current</c> and <c>versions/</c>.</summary>
    public string Directory { get; } = liveDirectory;

    private string VersionsDirectory => Path.Combine(Directory, "versions");

    /// <summary>The live version, or null when nothing has been published.</summary>
    public ProgramVersion? Current()
    {
        var path = Path.Combine(Directory, CurrentFile);
        string name;
        try
        {
            name = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        return Versions().FirstOrDefault(v => v.FileName == name);
    }

    /// <summary>The kept versions, oldest first.</summary>
    public IReadOnlyList<ProgramVersion> Versions()
    {
        if (!System.IO.Directory.Exists(VersionsDirectory))
            return [];
        var versions = new List<ProgramVersion>();
        foreach (var file in System.IO.Directory.EnumerateFiles(VersionsDirectory, "*.vmp"))
        {
            var name = Path.GetFileName(file);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash == 4 && int.TryParse(name.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                versions.Add(new ProgramVersion(number, name, name[(dash + 1)..^4]));
        }
        return [.. versions.OrderBy(v => v.Number)];
    }

    /// <summary>Reads a kept version's bytes.</summary>
    public byte[] Read(ProgramVersion version) => File.ReadAllBytes(Path.Combine(VersionsDirectory, version.FileName));

    /// <summary>
    /// Makes <paramref name="rootVmp"/> live and returns its version. Throws <see cref="VmpLoadException"/> (and
    /// changes nothing) when the loader refuses the bytes; a program identical to the live one is not published again.
    /// </summary>
    public ProgramVersion Publish(ReadOnlySpan<byte> rootVmp)
    {
        VmpReader.Read(rootVmp);
        var hash = Convert.ToHexStringLower(SHA256.HashData(rootVmp))[..16];
        using var _ = Lock();
        var current = Current();
        if (current is not null && current.Sha256 == hash)
            return current;
        var number = Versions().Select(v => v.Number).DefaultIfEmpty(0).Max() + 1;
        if (number > 9999)
            number = 1; // four digits of sequence: after 9999 publications numbering starts again (old files are pruned long before)
        var version = new ProgramVersion(number, string.Create(CultureInfo.InvariantCulture, $"{number:D4}-{hash}.vmp"), hash);
        System.IO.Directory.CreateDirectory(VersionsDirectory);
        WriteAtomically(Path.Combine(VersionsDirectory, version.FileName), rootVmp);
        SetCurrent(version);
        Prune(version);
        return version;
    }

    /// <summary>Makes the version before the live one live again; null (nothing changed) when there is none.</summary>
    public ProgramVersion? Rollback()
    {
        using var _ = Lock();
        var current = Current();
        var previous = Versions().LastOrDefault(v => current is null || v.Number < current.Number);
        if (previous is null)
            return null;
        SetCurrent(previous);
        return previous;
    }

    private void SetCurrent(ProgramVersion version) =>
        WriteAtomically(Path.Combine(Directory, CurrentFile), System.Text.Encoding.UTF8.GetBytes(version.FileName + "\n"));

    // Old versions beyond Keep go, never the live one.
    private void Prune(ProgramVersion live)
    {
        var versions = Versions();
        foreach (var old in versions.Take(Math.Max(0, versions.Count - Keep)))
        {
            if (old.FileName != live.FileName)
                File.Delete(Path.Combine(VersionsDirectory, old.FileName));
        }
    }

    private FileStream Lock()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, "publish.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(50); // another make-live is publishing; it takes milliseconds
            }
        }
    }

    private static void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
