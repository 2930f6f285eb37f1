namespace CallFlow.Configuration;

/// <summary>One source number of a user (reference §7.8), written in the file as its IP Office form.</summary>
/// <param name="Kind">Trusted number, group message waiting, or callback number.</param>
/// <param name="Value">The number (digits), or for <see cref="SourceNumberKind.GroupMessageWaiting"/> the group's name.</param>
/// <example><c>"HSales"</c> is <c>new SourceNumber(SourceNumberKind.GroupMessageWaiting, "Sales")</c>.</example>
public sealed record SourceNumber(SourceNumberKind Kind, string Value)
{
    /// <summary>The letter that starts the IP Office form: V, H or P.</summary>
    public char Prefix => Kind switch
    {
        SourceNumberKind.TrustedNumber => 'V',
        SourceNumberKind.GroupMessageWaiting => 'H',
        _ => 'P',
    };

    /// <summary>The IP Office form, e.g. <c>V01707364143</c>.</summary>
    public override string ToString() => Prefix + Value;
}
