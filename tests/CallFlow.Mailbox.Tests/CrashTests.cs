using System.Diagnostics;
using System.Globalization;
using CallFlow.Mailbox.CrashChild;
using CallFlow.Mailbox.Tests.Support;
using Xunit.Abstractions;

namespace CallFlow.Mailbox.Tests;

/// <summary>
/// The durability promise, tested for real: a child process records 50 messages at once, printing each id as its
/// commit returns, and is killed (SIGKILL on Unix) part-way. Reopening the store must find every printed message
/// whole, and nothing else on disk but the files of the rows.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Recordings = 50;
    private const int KillAfterCommits = 20;

    [Fact]
    public async Task Killing_the_process_mid_recording_keeps_every_committed_message_whole()
    {
        using var directory = new TempDirectory();
        var printed = new Dictionary<string, int>(StringComparer.Ordinal);
        var childOutput = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using (var child = StartChild(directory.Path))
        {
            var errors = child.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                while (printed.Count < KillAfterCommits && await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                    Parse(line, printed, childOutput);
            }
            finally
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(timeout.Token);
            }
            // Lines the child wrote before it died are promises too.
            while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                Parse(line, printed, childOutput);
            Assert.True(printed.Count >= KillAfterCommits,
                $"child printed only {printed.Count} commits:\n{string.Join('\n', childOutput)}\n{await errors}");
        }
        Assert.True(printed.Count < Recordings, "the child finished before it was killed; nothing was in flight");

        await using var store = SqliteMailboxStore.Open(directory.Path);
        var rows = await store.ListMessagesAsync(AudioPattern.Mailbox, MessageState.New);

        // Every message reported committed is there, with every byte of its audio.
        foreach (var (id, seed) in printed)
            Assert.Contains(rows, m => m.Id == id && m.CallerNumber == seed.ToString(CultureInfo.InvariantCulture));
        foreach (var message in rows)
        {
            var seed = int.Parse(message.CallerNumber!, CultureInfo.InvariantCulture);
            var expected = new byte[AudioPattern.LengthFor(seed)];
            AudioPattern.Fill(seed, 0, expected);
            Assert.Equal(TimeSpan.FromTicks(expected.Length * 1250L), message.Duration);
            Assert.Equal(expected, await TestAudio.ReadAudioAsync(store, message.Id));
        }

        // Each of the 50 recordings ended as a row, a partial file in tmp/, or (killed between rename and insert)
        // an orphan; recovery removed the last two kinds, so only the rows' files remain.
        var report = store.Recovery;
        output.WriteLine($"printed {printed.Count}, rows {rows.Count}, partial {report.TemporaryFilesDeleted.Count}, orphans {report.OrphanFilesDeleted.Count}");
        Assert.Empty(report.MessagesWithoutAudioRemoved);
        Assert.InRange(rows.Count + report.TemporaryFilesDeleted.Count + report.OrphanFilesDeleted.Count, Recordings, Recordings + 1);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(directory.Path, "tmp")));
        var files = Directory.EnumerateFiles(Path.Combine(directory.Path, "messages"), "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(rows.Select(m => m.Id + ".wav").Order(StringComparer.Ordinal), files);
    }

    private static void Parse(string line, Dictionary<string, int> printed, List<string> output)
    {
        output.Add(line);
        var parts = line.Split(' ');
        if (parts is ["COMMITTED", var id, var seed])
            printed[id] = int.Parse(seed, CultureInfo.InvariantCulture);
    }

    private static Process StartChild(string dataDirectory)
    {
        var childDll = Path.Combine(AppContext.BaseDirectory, "CallFlow.Mailbox.CrashChild.dll");
        Assert.True(File.Exists(childDll), $"{childDll} was not built beside the tests");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(childDll);
        start.ArgumentList.Add(dataDirectory);
        start.ArgumentList.Add(Recordings.ToString(CultureInfo.InvariantCulture));
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the crash child");
    }

    /// <summary>The dotnet host running these tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            return host;
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
            return self;
        return "dotnet";
    }
}
