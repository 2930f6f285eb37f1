using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CallFlow.Sip;

/// <summary>The Subscription-State header of a NOTIFY (RFC 6665 §8.2.3).</summary>
/// <example><code>SipSubscriptionState.TryParse("terminated;reason=noresource", out var s); s.IsTerminated; s.Reason == "noresource"</code></example>
public sealed record SipSubscriptionState(string State, SipParameters Parameters)
{
    /// <summary>True for "active".</summary>
    public bool IsActive => State.Equals("active", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for "pending".</summary>
    public bool IsPending => State.Equals("pending", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for "terminated".</summary>
    public bool IsTerminated => State.Equals("terminated", StringComparison.OrdinalIgnoreCase);

    /// <summary>The reason parameter (deactivated, probation, rejected, timeout, giveup, noresource, invariant).</summary>
    public string? Reason => Parameters.Get("reason");

    /// <summary>The expires parameter in seconds.</summary>
    public uint? Expires => Seconds("expires");

    /// <summary>The retry-after parameter in seconds.</summary>
    public uint? RetryAfter => Seconds("retry-after");

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder(State);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }

    /// <summary>Parses <c>substate-value *( SEMI subexp-params )</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SipSubscriptionState? state)
    {
        state = null;
        var reader = new SipTextReader(value);
        reader.SkipWs();
        var name = reader.ReadToken();
        if (name.IsEmpty || !SipParameters.TryParse(ref reader, out var parameters))
            return false;
        reader.SkipWs();
        if (!reader.AtEnd)
            return false;
        state = new SipSubscriptionState(new string(name), parameters);
        return true;
    }

    private uint? Seconds(string name) =>
        Parameters.Get(name) is { } text && SipGrammar.TryParseNumber(text, uint.MaxValue, out var value) ? (uint)value : null;
}
