using CallFlow.Configuration;
using CallFlow.Mailbox;

namespace CallFlow.Cli.Commands;

/// <summary>Turns a mailbox name from the command line into a known mailbox, or explains why it is not one.</summary>
internal static class MailboxLookup
{
    /// <summary>The normalised name (reference §7.1: case-sensitive, trailing spaces dropped), or null after reporting.</summary>
    public static async Task<string?> ResolveAsync(IOContext io, MailboxEnvironment environment, string input, CancellationToken cancellationToken)
    {
        string name;
        try
        {
            name = MailboxName.Normalize(input);
        }
        catch (ArgumentException e)
        {
            io.Error.WriteLine($"vmc: error: '{input}' is not a mailbox name: {e.Message.Split(" (Parameter")[0]}");
            return null;
        }
        var known = await environment.AllNamesAsync(cancellationToken);
        if (known.Contains(name, StringComparer.Ordinal))
            return name;

        var close = Suggestions.Closest(name, known);
        var suggestion = close.Count == 0 ? "" : "; did you mean " + string.Join(" or ", close.Select(c => $"'{c}'")) + "?";
        io.Error.WriteLine($"vmc: error: there is no mailbox '{name}'{suggestion}");
        io.Error.WriteLine(known.Count == 0
            ? "  hint: there are no mailboxes: add users and groups to callflow.json (docs/configuration.md)"
            : "  hint: 'vmc mailbox list' shows every mailbox; names are case-sensitive");
        return null;
    }
}
