namespace CallFlow.Sip;

/// <summary>
/// Bounds on what the parser and framer accept. Every buffer the parser sizes comes from these, never from a
/// number in the message, so a hostile Content-Length or header flood costs at most these amounts.
/// </summary>
/// <param name="MaxHeaderSectionBytes">Start line plus headers plus the empty line.</param>
/// <param name="MaxHeaderCount">Header lines (after unfolding).</param>
/// <param name="MaxLineLength">One header line after unfolding.</param>
/// <param name="MaxBodyBytes">The body (Content-Length, or the rest of a datagram).</param>
public sealed record SipParserLimits(int MaxHeaderSectionBytes, int MaxHeaderCount, int MaxLineLength, int MaxBodyBytes)
{
    /// <summary>32 KiB of headers, 256 header lines, 8 KiB per line, 64 KiB of body.</summary>
    public static SipParserLimits Default { get; } = new(32 * 1024, 256, 8 * 1024, 64 * 1024);

    /// <summary>The largest message the framer buffers.</summary>
    public int MaxMessageBytes => MaxHeaderSectionBytes + MaxBodyBytes;
}
