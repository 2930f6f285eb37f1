using System.CommandLine;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc alarm list|add|remove</c>: the alarm calls booked by Alarm Set (docs/sip.md, "Alarm calls"), kept in
/// <c>alarms.json</c> in the data directory. Unlike <c>vmc mailbox</c> it works while the server runs: the book is
/// changed under its lock and the server sees the change within a second. Exit 0 on success; 1 when the configuration
/// or the alarm book has errors; 2 for usage errors, values out of range or an unknown alarm; 3 when the book cannot
/// be written.
/// </summary>
public static class AlarmCommand
{
    public static Command Create(IOContext io)
    {
        var options = MailboxOptions.Create();
        return new Command("alarm", "List, book and remove alarm calls (Alarm Set)")
        {
            options.Config,
            options.Data,
            AlarmListCommand.Create(io, options),
            AlarmAddCommand.Create(io, options),
            AlarmRemoveCommand.Create(io, options),
        };
    }
}
