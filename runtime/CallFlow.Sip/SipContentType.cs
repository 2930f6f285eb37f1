using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CallFlow.Sip;

/// <summary>The Content-Type header: m-type "/" m-subtype and parameters (RFC 3261 §20.15).</summary>
/// <example><code>SipContentType.TryParse("multipart/mixed;boundary=7a9cbec02ceef655", out var ct); ct.Parameters.Get("boundary")</code></example>
public sealed record SipContentType(string Type, string SubType, SipParameters Parameters)
{
    /// <summary>application/sdp.</summary>
    public static SipContentType Sdp { get; } = new("application", "sdp", SipParameters.Empty);

    /// <summary>"type/subtype" without parameters.</summary>
    public string MediaType => $"{Type}/{SubType}";

    /// <summary>True for application/sdp in any case.</summary>
    public bool IsSdp => Type.Equals("application", StringComparison.OrdinalIgnoreCase) && SubType.Equals("sdp", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder(MediaType);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }

    /// <summary>Parses a media-type with parameters.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SipContentType? contentType)
    {
        contentType = null;
        var reader = new SipTextReader(value);
        reader.SkipWs();
        var type = reader.ReadToken();
        if (type.IsEmpty || !reader.TrySeparator('/'))
            return false;
        var subType = reader.ReadToken();
        if (subType.IsEmpty || !SipParameters.TryParse(ref reader, out var parameters))
            return false;
        reader.SkipWs();
        if (!reader.AtEnd)
            return false;
        contentType = new SipContentType(new string(type), new string(subType), parameters);
        return true;
    }
}
