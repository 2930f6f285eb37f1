using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CallFlow.Sip;

/// <summary>The Event header (RFC 6665 §8.2.1): an event package such as "message-summary" or "refer", and an id.</summary>
/// <example><code>SipEvent.TryParse("refer;id=93809824", out var e); e.Package == "refer"; e.Id == "93809824"</code></example>
public sealed record SipEvent(string Package, SipParameters Parameters)
{
    /// <summary>The id parameter, which tells apart subscriptions of one dialog.</summary>
    public string? Id => Parameters.Get("id");

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder(Package);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }

    /// <summary>Parses <c>event-type *( SEMI event-param )</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SipEvent? sipEvent)
    {
        sipEvent = null;
        var reader = new SipTextReader(value);
        reader.SkipWs();
        var package = reader.ReadToken();
        if (package.IsEmpty || !SipParameters.TryParse(ref reader, out var parameters))
            return false;
        reader.SkipWs();
        if (!reader.AtEnd)
            return false;
        sipEvent = new SipEvent(new string(package), parameters);
        return true;
    }
}
