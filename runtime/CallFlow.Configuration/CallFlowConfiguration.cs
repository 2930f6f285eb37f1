using System.Collections.Immutable;

namespace CallFlow.Configuration;

/// <summary>
/// Everything an administrator sets in <c>callflow.json</c>: system preferences, users and hunt groups. Built by
/// <see cref="ConfigurationLoader"/>, which has checked every rule, so names are unique and references resolve.
/// </summary>
/// <param name="System">Server-wide settings.</param>
/// <param name="Users">User mailboxes, in file order.</param>
/// <param name="Groups">Hunt-group mailboxes, in file order.</param>
/// <example><code>
/// var result = ConfigurationLoader.Load("callflow.json");
/// if (result.Configuration is { } config) Console.WriteLine(config.ResolveDataDirectory(Environment.CurrentDirectory));
/// </code></example>
public sealed record CallFlowConfiguration(SystemPreferences System, ImmutableArray<UserConfiguration> Users, ImmutableArray<GroupConfiguration> Groups)
{
    /// <summary>Where and how <c>vmc serve</c> listens (the <c>server</c> section; loopback defaults).</summary>
    public ServerSettings Server { get; init; } = ServerSettings.Default;

    /// <summary>Voicemail e-mail: SMTP senders, the SMTP receiver and the outbox's retries (the <c>email</c> section).</summary>
    public EmailSettings Email { get; init; } = EmailSettings.Default;

    /// <summary>The folder of the file this came from (full path), against which relative paths resolve; null for defaults.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>The full path of the data directory: relative to <see cref="BaseDirectory"/>, else to <paramref name="fallbackBaseDirectory"/>.</summary>
    public string ResolveDataDirectory(string fallbackBaseDirectory) =>
        Path.GetFullPath(System.DataDirectory, BaseDirectory ?? fallbackBaseDirectory);

    /// <summary>A path from the file (<c>password_file</c>) as a full path: relative to <see cref="BaseDirectory"/>, else to <paramref name="fallbackBaseDirectory"/>.</summary>
    public string ResolvePath(string path, string fallbackBaseDirectory) => Path.GetFullPath(path, BaseDirectory ?? fallbackBaseDirectory);

    /// <summary>The user of that exact (case-sensitive) name, or null.</summary>
    public UserConfiguration? FindUser(string name) => Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));

    /// <summary>The hunt group of that exact (case-sensitive) name, or null.</summary>
    public GroupConfiguration? FindGroup(string name) => Groups.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.Ordinal));

    /// <summary>Every mailbox name: users first, then groups, in file order.</summary>
    public IEnumerable<string> MailboxNames => Users.Select(u => u.Name).Concat(Groups.Select(g => g.Name));

    /// <summary>The breakout numbers that apply to a user's mailbox: its own overrides over the system defaults.</summary>
    public BreakoutNumbers BreakoutFor(UserConfiguration user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Breakout.Over(System.Breakout);
    }
}
