namespace CallFlow.Tests.Shared;

/// <summary>Finds files of the repository from the test binaries, wherever the tests run.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CallFlow.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("CallFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
