namespace CallFlow.Email.Receiving;

/// <summary>
/// Reads CRLF-terminated lines (a bare LF is taken too) from a client into one fixed buffer: a line longer than the
/// limit is read to its end, cut, and flagged, so a client cannot make the server hold more than the limit.
/// </summary>
internal sealed class SmtpLineReader
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly byte[] _line;
    private readonly int _maxLength;
    private int _start;
    private int _end;
    private int _length;

    /// <summary>A reader of lines of at most <paramref name="maxLength"/> bytes, line ending excluded.</summary>
    public SmtpLineReader(Stream stream, int maxLength)
    {
        _stream = stream;
        _maxLength = maxLength;
        _line = new byte[maxLength + 2]; // the content, a CR, and one byte to see that it went over
    }

    /// <summary>The last line read, without its line ending (cut at the limit when <see cref="TooLong"/>).</summary>
    public ReadOnlySpan<byte> Line => _line.AsSpan(0, Math.Min(_length, _maxLength));

    /// <summary>Whether the last line was longer than the limit.</summary>
    public bool TooLong { get; private set; }

    /// <summary>Reads the next line; false when the client closed the connection first.</summary>
    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
    {
        _length = 0;
        TooLong = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            Append(_buffer.AsSpan(_start, (newline < 0 ? _end - _start : newline)));
            if (newline >= 0)
            {
                _start += newline + 1;
                if (_length > 0 && _line[_length - 1] == (byte)'\r' && !TooLong)
                    _length--;
                TooLong |= _length > _maxLength;
                return true;
            }
            _start = _end = 0;
            var read = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return false;
            _end = read;
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        var room = _line.Length - _length;
        if (bytes.Length > room)
        {
            TooLong = true;
            bytes = bytes[..room];
        }
        bytes.CopyTo(_line.AsSpan(_length));
        _length += bytes.Length;
    }
}
