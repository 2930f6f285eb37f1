using System.Collections.Frozen;
using CallFlow.Configuration;

namespace CallFlow.Email.Receiving;

/// <summary>
/// Which mailbox an incoming address means (reference §10.2, §10.3): <c>Extn201@domain</c> and <c>201@domain</c> by
/// extension, or the mailbox name (<c>Alice@domain</c>; an exact match first, else the one name that matches without
/// regard to case). Only the configured domain is accepted; <c>vmsyncmaster</c> and <c>vmsyncslave</c>
/// (server-to-server synchronisation) are not supported, so they are refused like any unknown name.
/// </summary>
public sealed class SmtpRecipients
{
    private readonly FrozenDictionary<string, string> _exact;
    private readonly FrozenDictionary<string, string> _folded;

    /// <summary>Recipients for <paramref name="domain"/> from local parts to mailbox names.</summary>
    /// <param name="domain">The one domain accepted (compared without regard to case).</param>
    /// <param name="localParts">Local part → mailbox name.</param>
    public SmtpRecipients(string domain, IEnumerable<KeyValuePair<string, string>> localParts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        ArgumentNullException.ThrowIfNull(localParts);
        Domain = domain.ToLowerInvariant();
        var pairs = localParts.ToList();
        _exact = pairs.DistinctBy(p => p.Key, StringComparer.Ordinal).ToFrozenDictionary(StringComparer.Ordinal);
        // A local part that two mailboxes share without regard to case (Sales, SALES) is only reachable exactly.
        _folded = pairs.GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(p => p.Value).Distinct(StringComparer.Ordinal).Count() == 1)
            .ToFrozenDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The accepted domain, lower case.</summary>
    public string Domain { get; }

    /// <summary>The recipients of a configuration: every user and group by name and extension (users also as Extn…).</summary>
    public static SmtpRecipients For(CallFlowConfiguration configuration, string domain)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var map = new List<KeyValuePair<string, string>>();
        foreach (var user in configuration.Users)
        {
            map.Add(new(user.Name, user.Name));
            if (user.Extension is { Length: > 0 } extension)
            {
                map.Add(new("Extn" + extension, user.Name));
                map.Add(new(extension, user.Name));
            }
        }
        foreach (var group in configuration.Groups)
        {
            map.Add(new(group.Name, group.Name));
            if (group.Extension is { Length: > 0 } extension)
                map.Add(new(extension, group.Name));
        }
        return new SmtpRecipients(domain, map);
    }

    /// <summary>Why <paramref name="address"/> is refused, or null with the mailbox in <paramref name="mailbox"/>.</summary>
    /// <example><c>recipients.Resolve("Extn201@vmpro1.example.com", out var mailbox)</c> is null and sets mailbox to "Alice".</example>
    public string? Resolve(string address, out string mailbox)
    {
        mailbox = "";
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
            return "550 5.1.3 the address must be mailbox@domain";
        var domain = address[(at + 1)..];
        if (!string.Equals(domain, Domain, StringComparison.OrdinalIgnoreCase))
            return $"550 5.7.1 this server only takes mail for {Domain}";
        var local = address[..at];
        if (local.Length >= 2 && local[0] == '"' && local[^1] == '"')
            local = local[1..^1];
        if (_exact.TryGetValue(local, out var exact) || _folded.TryGetValue(local, out exact))
        {
            mailbox = exact;
            return null;
        }
        return $"550 5.1.1 there is no mailbox {local} here";
    }
}
