using System.Runtime.CompilerServices;
using System.Text;

namespace CallFlow.Compiler.Tests.Snapshots;

/// <summary>
/// Snapshot assertions in Verify's conventions: the expected text lives beside the test as
/// <c>Name.verified.txt</c>; a mismatch writes <c>Name.received.txt</c> and fails with a line diff.
/// Set CALLFLOW_ACCEPT=1 to accept received output. Under CI=true a missing snapshot fails instead of
/// being created, so a snapshot test can never pass by accident.
/// </summary>
public static class Snapshot
{
    public static void Verify(string actual, string name, [CallerFilePath] string sourceFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(sourceFile)!, "__snapshots__");
        var verifiedPath = Path.Combine(directory, name + ".verified.txt");
        var receivedPath = Path.Combine(directory, name + ".received.txt");
        actual = Normalize(actual);
        var accept = Environment.GetEnvironmentVariable("CALLFLOW_ACCEPT") == "1";
        var isCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        if (!File.Exists(verifiedPath))
        {
            if (isCi && !accept)
                Assert.Fail($"Snapshot {verifiedPath} is missing. Run the tests locally with CALLFLOW_ACCEPT=1, review and commit it.");
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
            if (File.Exists(receivedPath))
                File.Delete(receivedPath);
            return;
        }

        var expected = Normalize(File.ReadAllText(verifiedPath));
        if (expected == actual)
        {
            if (File.Exists(receivedPath))
                File.Delete(receivedPath);
            return;
        }
        if (accept)
        {
            File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
            if (File.Exists(receivedPath))
                File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
        Assert.Fail($"Snapshot {name} differs from {verifiedPath} (received output written to {receivedPath}; CALLFLOW_ACCEPT=1 accepts it):\n{LineDiff.Format(expected, actual)}");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd('\n') + "\n";
}
