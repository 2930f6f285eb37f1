using System.Buffers;

namespace CallFlow.Sip;

/// <summary>
/// Cuts a TCP (or TLS) byte stream into SIP messages using Content-Length (RFC 3261 §18.3). Bytes go in with
/// <see cref="Append"/>; <see cref="TryRead"/> hands out whole messages. A message without Content-Length, with a
/// malformed one, or over the limits loses the framing: the framer faults and the connection should be closed.
/// The buffer is pooled and bounded by <see cref="SipParserLimits"/>; <see cref="Dispose"/> returns it.
/// </summary>
/// <example><code>
/// using var framer = new SipStreamFramer();
/// framer.Append(received);
/// while (framer.TryRead(out var message, out var error) is var status &amp;&amp; status != SipFramerStatus.NeedMoreData)
/// {
///     if (status == SipFramerStatus.Message) Handle(message!);
///     else if (status == SipFramerStatus.KeepAlive) Send("\r\n"u8);
///     else { if (error!.ShouldRespond) Send(error.CreateResponse().ToBytes()); if (framer.IsFaulted) { Close(); break; } }
/// }
/// </code></example>
public sealed class SipStreamFramer : IDisposable
{
    private readonly SipParserLimits _limits;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanFrom;
    private Pending? _pending;
    private SipParseError? _fault;

    /// <summary>Creates a framer with the given limits (default <see cref="SipParserLimits.Default"/>).</summary>
    public SipStreamFramer(SipParserLimits? limits = null)
    {
        _limits = limits ?? SipParserLimits.Default;
        _buffer = ArrayPool<byte>.Shared.Rent(4096);
    }

    /// <summary>Bytes received but not yet handed out.</summary>
    public int BufferedBytes => _end - _start;

    /// <summary>True once the framing is lost; every later <see cref="TryRead"/> repeats the error.</summary>
    public bool IsFaulted => _fault is not null;

    /// <summary>
    /// Adds received bytes. Call <see cref="TryRead"/> until it returns <see cref="SipFramerStatus.NeedMoreData"/>
    /// before appending again; more than four maximal messages left unread fault the framer.
    /// </summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        if (_fault is not null || data.IsEmpty)
            return;
        if ((long)BufferedBytes + data.Length > 4L * _limits.MaxMessageBytes)
        {
            _fault = new SipParseError(SipParseErrorKind.HeaderSectionTooLarge, 0, "", "more unread data than four maximal messages", null);
            return;
        }
        if (_end + data.Length > _buffer.Length)
        {
            var needed = BufferedBytes + data.Length;
            if (needed <= _buffer.Length && _start > 0)
                Compact();
            else
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
                _buffer.AsSpan(_start, BufferedBytes).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
                _end = BufferedBytes;
                _start = 0;
            }
        }
        data.CopyTo(_buffer.AsSpan(_end));
        _end += data.Length;
    }

    /// <summary>Reads the next message, keep-alive or error from the buffered bytes.</summary>
    public SipFramerStatus TryRead(out SipMessage? message, out SipParseError? error)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        message = null;
        error = _fault;
        if (_fault is not null)
            return SipFramerStatus.Error;
        if (_pending is null)
        {
            var keepAlive = SkipLineEnds();
            if (keepAlive is not null)
                return keepAlive.Value;
            var data = _buffer.AsSpan(_start, BufferedBytes);
            var scan = SipParser.FindHeaderEnd(data, _limits.MaxHeaderSectionBytes, _scanFrom);
            if (scan.Status == SipParser.HeaderScanStatus.NeedMore)
            {
                _scanFrom = scan.ResumeAt;
                return SipFramerStatus.NeedMoreData;
            }
            if (scan.Status == SipParser.HeaderScanStatus.TooLarge)
                return Fault(new SipParseError(SipParseErrorKind.HeaderSectionTooLarge, 0, "",
                    $"the header section is longer than {_limits.MaxHeaderSectionBytes} bytes", null), out error);
            var head = data[..scan.BodyStart].ToArray();
            SipParser.ParseCore(head, scan.HeadLength, scan.BodyStart, scan.BodyStart, true, _limits, out var parsed, out var parseError, out var length);
            if (length < 0)
                return Fault(parseError ?? new SipParseError(SipParseErrorKind.MalformedContentLength, 0, "", "the message cannot be framed", null), out error);
            _start += scan.BodyStart;
            _scanFrom = 0;
            _pending = new Pending(parsed, parseError, length);
        }
        var pending = _pending;
        if (BufferedBytes < pending.BodyLength)
            return SipFramerStatus.NeedMoreData;
        var body = _buffer.AsSpan(_start, pending.BodyLength);
        _start += pending.BodyLength;
        _pending = null;
        if (_start == _end)
            _start = _end = 0;
        if (pending.Message is null)
        {
            error = pending.Error;
            return SipFramerStatus.Error;
        }
        pending.Message.Body = body.ToArray();
        message = pending.Message;
        return SipFramerStatus.Message;
    }

    /// <summary>Returns the pooled buffer.</summary>
    public void Dispose()
    {
        if (_buffer.Length == 0)
            return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _start = _end = 0;
    }

    // RFC 3261 §7.5: CRLFs before a start line are ignored; RFC 5626 §3.5.1: CRLF CRLF is a ping.
    private SipFramerStatus? SkipLineEnds()
    {
        while (_start < _end && _buffer[_start] is (byte)'\r' or (byte)'\n')
        {
            var rest = _buffer.AsSpan(_start, BufferedBytes);
            if (rest.StartsWith("\r\n\r\n"u8))
            {
                _start += 4;
                return SipFramerStatus.KeepAlive;
            }
            if ("\r\n\r\n"u8.StartsWith(rest))
                return SipFramerStatus.NeedMoreData; // a ping may still be arriving
            _start++;
        }
        if (_start == _end)
        {
            _start = _end = 0;
            return SipFramerStatus.NeedMoreData;
        }
        return null;
    }

    private SipFramerStatus Fault(SipParseError error, out SipParseError? reported)
    {
        _fault = error;
        reported = error;
        _start = _end = 0;
        return SipFramerStatus.Error;
    }

    private void Compact()
    {
        var count = BufferedBytes;
        _buffer.AsSpan(_start, count).CopyTo(_buffer);
        _start = 0;
        _end = count;
    }

    private sealed record Pending(SipMessage? Message, SipParseError? Error, int BodyLength);
}
