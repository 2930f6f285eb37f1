using System.Collections.Immutable;

namespace CallFlow.Configuration;

/// <summary>An IP Office hunt group and so a group mailbox (reference §7.1, §7.11).</summary>
/// <param name="Name">The mailbox name, unique among users and groups.</param>
/// <param name="Extension">The group's extension number, if any.</param>
/// <param name="Members">User names, in the order given; each is a user of the configuration.</param>
/// <param name="Broadcast">Copy each message to every member's mailbox and delete the group's original (default false).</param>
/// <param name="Email">Voicemail e-mail address, if any.</param>
/// <param name="EmailMode">What is e-mailed on a new message (default Off).</param>
public sealed record GroupConfiguration(
    string Name,
    string? Extension,
    ImmutableArray<string> Members,
    bool Broadcast,
    string? Email,
    EmailMode EmailMode)
{
    /// <summary>A group with no members and every setting at its default.</summary>
    public static GroupConfiguration Named(string name) => new(name, null, [], Broadcast: false, null, EmailMode.Off);
}
