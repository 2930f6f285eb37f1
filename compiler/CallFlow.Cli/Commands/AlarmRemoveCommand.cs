using System.CommandLine;

namespace CallFlow.Cli.Commands;

/// <summary><c>vmc alarm remove &lt;id&gt;</c>: takes an alarm out of the book (a call already ringing finishes, and
/// the alarm does not come back).</summary>
public sealed class AlarmRemoveCommand(IOContext io)
{
    public static Command Create(IOContext io, MailboxOptions options)
    {
        var id = new Argument<int>("id") { Description = "the alarm's id, as 'vmc alarm list' shows it" };
        var command = new Command("remove", "Remove a booked alarm call") { id };
        command.SetAction(parseResult => new AlarmRemoveCommand(io).Run(options.Read(parseResult), parseResult.GetValue(id)));
        return command;
    }

    public int Run(MailboxArguments arguments, int id)
    {
        var (environment, exitCode) = AlarmEnvironment.Open(io, arguments);
        if (environment is null)
            return exitCode;
        var found = false;
        var written = environment.Change(io, () => found = environment.Book.Remove(id));
        if (written != ExitCodes.Success)
            return written;
        if (!found)
        {
            io.Error.WriteLine($"vmc: error: there is no alarm {id}");
            io.Error.WriteLine("  hint: 'vmc alarm list' shows the booked alarms and their ids");
            return ExitCodes.UsageOrIo;
        }
        io.Output.WriteLine($"removed alarm {id}");
        return ExitCodes.Success;
    }
}
