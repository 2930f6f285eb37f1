using CallFlow.Runtime.Vm;
using CallFlow.Sip;

namespace CallFlow.Server.Sip;

/// <summary>
/// Which flow an INVITE runs (docs/sip.md, "Which flow runs"): a call forwarded by a PBX (Diversion, RFC 5806, or
/// History-Info, RFC 7044, naming the original called party) leaves a message in that party's mailbox; otherwise the
/// Request-URI's user part is a short code ("*80" or "Short Codes.*80"), a VM: destination ("?201" collect, "#201"
/// leave), a mailbox name or extension (collect when the caller is its owner, leave otherwise), or a module.
/// </summary>
public static class CallAddress
{
    /// <summary>The called mailbox and call type, or the start point address, for <paramref name="invite"/>.</summary>
    public static (string? Mailbox, CallType Type, string? StartPoint) Resolve(SipMessage invite, Func<string, string?> mailboxOf, string caller)
    {
        // Forwarded: the first diverting party (Diversion lists the most recent first; History-Info the oldest first).
        if (invite.Diversions is { Count: > 0 } diversions && diversions[^1].Address.Uri.User is { Length: > 0 } diverted && mailboxOf(diverted) is { } divertedBox)
            return (divertedBox, CallType.Leave, null);
        if (invite.HistoryInfo is { Count: > 1 } history && history[0].Address.Uri.User is { Length: > 0 } original && mailboxOf(original) is { } originalBox)
            return (originalBox, CallType.Leave, null);

        var user = Uri.UnescapeDataString(invite.RequestUri?.User ?? "");
        if (user.StartsWith('?') && mailboxOf(user[1..]) is { } collect)
            return (collect, CallType.Collect, null);
        if (user.StartsWith('#') && mailboxOf(user[1..]) is { } leave)
            return (leave, CallType.Leave, null);
        if (mailboxOf(user) is { } mailbox)
            return (mailbox, mailboxOf(caller) == mailbox ? CallType.Collect : CallType.Leave, null);
        return (null, CallType.Leave, user);
    }
}
