using System.Diagnostics.CodeAnalysis;

namespace CallFlow.Sip;

/// <summary>
/// Parses SIP messages (RFC 3261 §7, §25) from datagrams. A result is either a message whose start line and
/// transaction headers (Via, From, To, Call-ID, CSeq, Max-Forwards, Contact, Content-Length, Content-Type) are
/// valid, or a <see cref="SipParseError"/> saying whether to answer 400/505/513 or drop. Never throws on input.
/// </summary>
/// <example><code>
/// if (!SipParser.TryParse(datagram, out var message, out var error) &amp;&amp; error.ShouldRespond)
///     Send(error.CreateResponse());
/// </code></example>
public static partial class SipParser
{
    /// <summary>Parses one UDP datagram with <see cref="SipParserLimits.Default"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out SipMessage? message,
        [NotNullWhen(false)] out SipParseError? error) =>
        TryParse(datagram, SipParserLimits.Default, out message, out error);

    /// <summary>
    /// Parses one UDP datagram. Without Content-Length the body is the rest of the datagram; with one, octets past
    /// it are ignored (RFC 3261 §18.3, RFC 4475 dblreq) and a shorter datagram is answered 400 (clerr).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, SipParserLimits limits, [NotNullWhen(true)] out SipMessage? message,
        [NotNullWhen(false)] out SipParseError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        message = null;
        var start = SkipLineEnds(datagram);
        if (start == datagram.Length)
        {
            error = Drop(SipParseErrorKind.KeepAlive, "the datagram holds only line ends (a keep-alive)");
            return false;
        }
        var data = datagram[start..];
        var scan = FindHeaderEnd(data, limits.MaxHeaderSectionBytes, 0);
        if (scan.Status == HeaderScanStatus.TooLarge)
        {
            error = Drop(SipParseErrorKind.HeaderSectionTooLarge, $"the header section is longer than {limits.MaxHeaderSectionBytes} bytes");
            return false;
        }
        var maxCopy = Math.Min(data.Length, limits.MaxMessageBytes + 1);
        var buffer = data[..maxCopy].ToArray();
        if (scan.Status == HeaderScanStatus.NeedMore)
        {
            // No empty line: parse what is there, so a request can still be answered 400.
            ParseCore(buffer, buffer.Length, buffer.Length, buffer.Length, false, limits, out message, out error, out _);
            if (error is null || error.ShouldRespond)
                error = Fail(error?.Request ?? message, SipParseErrorKind.MissingEmptyLine, 400, "Missing empty line after headers",
                    "the message has no empty line between headers and body");
            message = null;
            return false;
        }
        return ParseCore(buffer, scan.HeadLength, scan.BodyStart, buffer.Length, false, limits, out message, out error, out _);
    }

    internal static int SkipLineEnds(ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i < data.Length && data[i] is (byte)'\r' or (byte)'\n')
            i++;
        return i;
    }

    internal enum HeaderScanStatus { Found, NeedMore, TooLarge }

    /// <param name="Status">Whether the empty line was found.</param>
    /// <param name="HeadLength">Bytes of start line and header lines, each with its line end.</param>
    /// <param name="BodyStart">Where the body starts, after the empty line.</param>
    /// <param name="ResumeAt">The start of the first line not yet scanned, to continue from when more bytes come.</param>
    internal readonly record struct HeaderScan(HeaderScanStatus Status, int HeadLength, int BodyStart, int ResumeAt);

    /// <summary>Finds the empty line (CRLF CRLF, or bare LFs, which are accepted too) within the limit.</summary>
    internal static HeaderScan FindHeaderEnd(ReadOnlySpan<byte> data, int maxHeaderBytes, int resumeFrom)
    {
        var pos = resumeFrom;
        while (true)
        {
            var nl = data[pos..].IndexOf((byte)'\n');
            if (nl < 0)
                return data.Length > maxHeaderBytes
                    ? new HeaderScan(HeaderScanStatus.TooLarge, 0, 0, pos)
                    : new HeaderScan(HeaderScanStatus.NeedMore, 0, 0, pos);
            var lineEnd = pos + nl;
            var contentEnd = lineEnd > pos && data[lineEnd - 1] == (byte)'\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == pos && pos > 0)
                return lineEnd + 1 > maxHeaderBytes
                    ? new HeaderScan(HeaderScanStatus.TooLarge, 0, 0, pos)
                    : new HeaderScan(HeaderScanStatus.Found, pos, lineEnd + 1, pos);
            pos = lineEnd + 1;
            if (pos > maxHeaderBytes)
                return new HeaderScan(HeaderScanStatus.TooLarge, 0, 0, pos);
        }
    }

    private static SipParseError Drop(SipParseErrorKind kind, string message) => new(kind, 0, "", message, null);

    private static SipParseError Fail(SipMessage? partial, SipParseErrorKind kind, int statusCode, string reasonPhrase, string message) =>
        partial is { IsRequest: true }
            ? new SipParseError(kind, statusCode, reasonPhrase, message, partial)
            : new SipParseError(kind, 0, "", message, null);
}
