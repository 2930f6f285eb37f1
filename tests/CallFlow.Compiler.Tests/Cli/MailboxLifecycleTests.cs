namespace CallFlow.Compiler.Tests.Cli;

/// <summary>
/// A message left through `vmc simulate` with a kept store (--data) is still there for the next process: `vmc mailbox`
/// shows it, and it can be heard back through both mailbox modes.
/// </summary>
public sealed class MailboxLifecycleTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("callflow-lifecycle-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Plan(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_message_left_in_one_run_is_heard_in_later_runs_in_both_modes()
    {
        var data = Path.Combine(_folder.FullName, "data");
        var leave = Plan("leave.plan", "call from 01632960123 to mailbox Alice leave\nat 2026-11-23 10:15 Europe/London\ntalk 20s\npress #\n");
        var (exit, output, error) = await Vmc.Run("simulate", "samples", "--config", "tests/cases/mailbox/intuity/callflow.json", "--data", data, "--plan", leave);
        Assert.True(exit == 0, error);
        Assert.Contains("message waiting: Alice has 1 new", output);

        // A new process opens the store: the message is there.
        var (showExit, shown, showError) = await Vmc.Run("mailbox", "show", "Alice", "--config", "tests/cases/mailbox/intuity/callflow.json", "--data", data);
        Assert.True(showExit == 0, showError);
        Assert.Contains("01632960123", shown);

        // IP Office mode plays it (header and body) and keeps it (#).
        var ipOffice = Plan("ipoffice.plan", "call from 201 to mailbox Alice collect\nat 2026-11-23 11:00 Europe/London\nlisten\nlisten\nlisten\npress #\nlisten\nsilence\nsilence\n");
        (exit, output, error) = await Vmc.Run("simulate", "samples", "--config", "tests/cases/mailbox/ipoffice/callflow.json", "--data", data, "--plan", ipOffice);
        Assert.True(exit == 0, error);
        Assert.Contains("play system(message_from), digits(01632960123)", output);
        Assert.Contains("(20.0s)\"", output);
        Assert.Contains("is now saved", output);

        // Intuity mode finds it among the saved messages.
        var intuity = Plan("intuity.plan", "call from 201 to mailbox Alice collect\nat 2026-11-23 12:00 Europe/London\npress 4826#\npress 4826#\npress 2\nlisten\nlisten\npress **9\n");
        (exit, output, error) = await Vmc.Run("simulate", "samples", "--config", "tests/cases/mailbox/intuity/callflow.json", "--data", data, "--plan", intuity);
        Assert.True(exit == 0, error);
        Assert.Contains("$MB_SAVED = \"1\"", output);
        Assert.Contains("play system(message_from), digits(01632960123)", output);
        Assert.Contains("end Disconnected", output);
    }
}
