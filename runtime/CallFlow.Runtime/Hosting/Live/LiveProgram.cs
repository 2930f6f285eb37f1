using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Hosting.Live;

/// <summary>
/// The program new calls run, following a <see cref="ProgramRepository"/>: <see cref="Refresh"/> (called by the server
/// every second or so) loads a newly published version and swaps it in. A call takes <see cref="Current"/> once, at its
/// start, and keeps that program to its end, so calls in progress finish on the version they started on. A version
/// that fails to load leaves the previous one live and is reported.
/// </summary>
public sealed class LiveProgram(ProgramRepository repository)
{
    private volatile Snapshot? _current;

    /// <summary>The live program and its version; null until something is published and loaded.</summary>
    public (LoadedProgram Program, ProgramVersion Version)? Current => _current is { } s ? (s.Program, s.Version) : null;

    /// <summary>Loads the repository's live version if it changed. Returns the new version when it switched, else null.</summary>
    /// <param name="report">Told why a published version could not be loaded.</param>
    public ProgramVersion? Refresh(Action<string>? report = null)
    {
        var version = repository.Current();
        if (version is null || _current?.Version.FileName == version.FileName)
            return null;
        try
        {
            _current = new Snapshot(LoadedProgram.Load(repository.Read(version)), version);
            return version;
        }
        catch (FileNotFoundException)
        {
            // Pruned between reading 'current' and the file: a newer version is live, the next refresh takes it.
            return null;
        }
        catch (Exception e) when (e is VmpLoadException or IOException or UnauthorizedAccessException)
        {
            report?.Invoke($"root.vmp {version} could not be loaded, {(_current is { } s ? $"{s.Version} stays live" : "nothing is live")}: {e.Message}");
            return null;
        }
    }

    private sealed record Snapshot(LoadedProgram Program, ProgramVersion Version);
}
