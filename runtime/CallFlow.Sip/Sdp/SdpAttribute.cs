namespace CallFlow.Sip.Sdp;

/// <summary>An a= line (RFC 4566 §5.13): a property attribute (<c>a=sendonly</c>) or a value attribute (<c>a=ptime:20</c>).</summary>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    /// <summary>The value of the a= line.</summary>
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";

    internal static SdpAttribute Parse(string value)
    {
        var colon = value.IndexOf(':');
        return colon < 0 ? new SdpAttribute(value) : new SdpAttribute(value[..colon], value[(colon + 1)..]);
    }
}
