namespace CallFlow.Speech.Tests;

/// <summary>A folder under the system temp folder (or <paramref name="parent"/>), deleted on dispose.</summary>
internal sealed class TemporaryFolder(string? parent = null) : IDisposable
{
    public string Path { get; } = Create(parent ?? System.IO.Path.GetTempPath());

    private static string Create(string parent)
    {
        var path = System.IO.Path.Combine(parent, "callflow-speech-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
