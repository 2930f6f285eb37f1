using System.Text;

namespace CallFlow.Sip;

public static partial class SipParser
{
    /// <summary>
    /// Parses <paramref name="buffer"/>[0, headLength) as start line and headers, then (datagram mode) takes the body
    /// from <paramref name="bodyStart"/>. The buffer is owned by the message: folded lines are unfolded in place.
    /// In stream mode the body is not read; <paramref name="contentLength"/> tells the framer how much follows, or
    /// is -1 when the framing cannot be known (missing, malformed, repeated or too large).
    /// </summary>
    internal static bool ParseCore(byte[] buffer, int headLength, int bodyStart, int dataLength, bool stream, SipParserLimits limits,
        out SipMessage? message, out SipParseError? error, out int contentLength)
    {
        message = null;
        error = null;
        contentLength = -1;

        // Start line.
        var firstEnd = LineEnd(buffer, 0, headLength, out var next);
        if (firstEnd > limits.MaxLineLength)
        {
            error = Drop(SipParseErrorKind.LineTooLong, $"the start line is longer than {limits.MaxLineLength} bytes");
            return false;
        }
        var start = ParseStartLine(Encoding.UTF8.GetString(buffer, 0, firstEnd));

        // Header lines; a line starting with SP or HTAB continues the previous one (RFC 3261 §7.3.1).
        var headers = new SipHeaders(16);
        SipParseError? lineError = null;
        int current = -1, currentEnd = -1;
        var pos = next;
        while (pos < headLength)
        {
            var contentEnd = LineEnd(buffer, pos, headLength, out var after);
            if (SipGrammar.IsWsp(buffer[pos]))
            {
                if (current < 0)
                    lineError ??= HeaderLineError("a continuation line has no header to continue");
                else
                {
                    // Unfold in place: the CRLF and leading WSP become one SP and the rest moves left, so the value
                    // stays one contiguous slice of the buffer and no string is built for it.
                    var k = pos;
                    while (k < contentEnd && SipGrammar.IsWsp(buffer[k]))
                        k++;
                    if (k < contentEnd)
                    {
                        buffer[currentEnd] = (byte)' ';
                        buffer.AsSpan(k, contentEnd - k).CopyTo(buffer.AsSpan(currentEnd + 1));
                        currentEnd += 1 + contentEnd - k;
                    }
                }
            }
            else
            {
                if (current >= 0 && !AddHeader(buffer, current, currentEnd, headers, limits, ref lineError, out error))
                    return false;
                current = pos;
                currentEnd = contentEnd;
            }
            pos = after;
        }
        if (current >= 0 && !AddHeader(buffer, current, currentEnd, headers, limits, ref lineError, out error))
            return false;

        var partial = new SipMessage(start.IsRequest, start.Method, start.Uri, start.UriText, start.StatusCode, start.Reason,
            start.Version ?? SipMessage.SipVersion, headers, ReadOnlyMemory<byte>.Empty);
        if (!start.IsRequest && !start.IsResponse)
        {
            error = Drop(SipParseErrorKind.MalformedStartLine, "the first line is neither a Request-Line nor a Status-Line");
            return false;
        }

        // Framing first: a stream needs the Content-Length to skip even a message it refuses.
        var framingError = CheckContentLength(partial, headers, limits, stream, dataLength - bodyStart, out contentLength);

        // With no usable Via there is nowhere to send a response (RFC 3261 §18.2.2), so drop before anything else.
        if (!HasUsableVia(headers))
        {
            error = Drop(SipParseErrorKind.NoUsableVia, "the message has no Via header with a usable sent-by");
            return false;
        }
        error = start.Error is { } e ? Fail(partial, e.Kind, e.Status, e.Phrase, e.Message)
            : lineError is not null ? Fail(partial, lineError.Kind, 400, lineError.ReasonPhrase, lineError.Message)
            : framingError ?? Validate(partial, headers);
        if (error is not null)
            return false;
        if (!stream)
            partial.Body = buffer.AsMemory(bodyStart, contentLength);
        message = partial;
        return true;
    }

    // Returns the end of the line content (before CR LF or LF) and where the next line starts.
    private static int LineEnd(byte[] buffer, int pos, int limit, out int next)
    {
        var nl = buffer.AsSpan(pos, limit - pos).IndexOf((byte)'\n');
        if (nl < 0)
        {
            next = limit;
            return limit > pos && buffer[limit - 1] == (byte)'\r' ? limit - 1 : limit;
        }
        next = pos + nl + 1;
        var end = pos + nl;
        return end > pos && buffer[end - 1] == (byte)'\r' ? end - 1 : end;
    }

    private static bool AddHeader(byte[] buffer, int start, int end, SipHeaders headers, SipParserLimits limits,
        ref SipParseError? lineError, out SipParseError? fatal)
    {
        fatal = null;
        if (end - start > limits.MaxLineLength)
        {
            fatal = Drop(SipParseErrorKind.LineTooLong, $"a header line is longer than {limits.MaxLineLength} bytes");
            return false;
        }
        if (headers.Count >= limits.MaxHeaderCount)
        {
            fatal = Drop(SipParseErrorKind.TooManyHeaders, $"the message has more than {limits.MaxHeaderCount} header lines");
            return false;
        }
        var line = buffer.AsSpan(start, end - start);
        var colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            lineError ??= HeaderLineError("a header line has no colon");
            return true;
        }
        // HCOLON = *( SP / HTAB ) ":" SWS
        var name = line[..colon].TrimEnd(" \t"u8);
        if (!SipGrammar.IsToken(name))
        {
            lineError ??= HeaderLineError("a header name is not a token");
            return true;
        }
        if (line.Contains((byte)'\r'))
        {
            lineError ??= HeaderLineError("a header line holds a bare CR");
            return true;
        }
        var valueStart = colon + 1;
        while (valueStart < line.Length && SipGrammar.IsWsp(line[valueStart]))
            valueStart++;
        var valueEnd = line.Length;
        while (valueEnd > valueStart && SipGrammar.IsWsp(line[valueEnd - 1]))
            valueEnd--;
        Span<char> chars = stackalloc char[name.Length];
        for (var i = 0; i < name.Length; i++)
            chars[i] = (char)name[i];
        headers.AddParsed(SipHeaderNames.Canonicalize(chars), buffer.AsMemory(start + valueStart, valueEnd - valueStart));
        return true;
    }

    private static SipParseError HeaderLineError(string message) =>
        new(SipParseErrorKind.MalformedHeaderLine, 400, "Malformed header line", message, null);

    private static SipParseError? CheckContentLength(SipMessage partial, SipHeaders headers, SipParserLimits limits, bool stream,
        int available, out int contentLength)
    {
        contentLength = -1;
        var count = headers.CountOf(SipHeaderNames.ContentLength);
        if (count > 1)
            return Fail(partial, SipParseErrorKind.DuplicateHeader, 400, "Multiple Content-Length headers",
                "the message has more than one Content-Length, so its length cannot be known (RFC 4475 mcl01)");
        if (count == 0)
        {
            if (stream)
                return Fail(partial, SipParseErrorKind.MissingContentLength, 400, "Missing Content-Length header",
                    "a message on a stream transport must carry Content-Length (RFC 3261 §18.3)");
            if (available > limits.MaxBodyBytes)
                return Fail(partial, SipParseErrorKind.BodyTooLarge, 513, "Message Too Large",
                    $"the body is longer than {limits.MaxBodyBytes} bytes");
            contentLength = Math.Max(available, 0);
            return null;
        }
        var text = headers.GetFirst(SipHeaderNames.ContentLength)!;
        if (!SipGrammar.TryParseNumber(text.AsSpan().Trim(" \t"), long.MaxValue, out var value))
            return Fail(partial, SipParseErrorKind.MalformedContentLength, 400, "Malformed Content-Length header",
                $"Content-Length '{text}' is not a non-negative integer (RFC 4475 ncl)");
        if (value > (ulong)limits.MaxBodyBytes)
            return Fail(partial, SipParseErrorKind.BodyTooLarge, 513, "Message Too Large",
                $"Content-Length {value} is more than the limit of {limits.MaxBodyBytes} bytes");
        if (!stream && (long)value > available)
        {
            // contentLength stays -1: a datagram this short cannot be framed (RFC 4475 clerr).
            return Fail(partial, SipParseErrorKind.BodyTruncated, 400, "Content-Length larger than the body",
                $"Content-Length is {value} but only {Math.Max(available, 0)} body bytes arrived");
        }
        contentLength = (int)value;
        return null;
    }

    private static bool HasUsableVia(SipHeaders headers)
    {
        var top = headers.GetFirst(SipHeaderNames.Via);
        return top is not null && SipVia.TryParseSentBy(SipGrammar.SplitList(top)[0], out _);
    }
}
