namespace CallFlow.Sip;

/// <summary>
/// A cursor over one unfolded header value. Folding was already replaced by spaces, so LWS here is only SP and HTAB;
/// every Try method leaves the position unchanged when it fails.
/// </summary>
internal ref struct SipTextReader(ReadOnlySpan<char> text)
{
    private readonly ReadOnlySpan<char> _text = text;

    public int Position { get; set; }

    public readonly bool AtEnd => Position >= _text.Length;

    public readonly char Peek => Position < _text.Length ? _text[Position] : '\0';

    public readonly ReadOnlySpan<char> Rest => _text[Position..];

    public readonly ReadOnlySpan<char> Slice(int start, int end) => _text[start..end];

    public void SkipWs()
    {
        while (Position < _text.Length && SipGrammar.IsWsp(_text[Position]))
            Position++;
    }

    /// <summary>Consumes SWS <paramref name="c"/> SWS (the SEMI, EQUAL, SLASH, COLON and COMMA rules).</summary>
    public bool TrySeparator(char c)
    {
        var start = Position;
        SkipWs();
        if (Position < _text.Length && _text[Position] == c)
        {
            Position++;
            SkipWs();
            return true;
        }
        Position = start;
        return false;
    }

    public bool TryChar(char c)
    {
        if (Position < _text.Length && _text[Position] == c)
        {
            Position++;
            return true;
        }
        return false;
    }

    public ReadOnlySpan<char> ReadToken()
    {
        var start = Position;
        while (Position < _text.Length && SipGrammar.IsTokenChar(_text[Position]))
            Position++;
        return _text[start..Position];
    }

    /// <summary>Reads a host (hostname, IPv4 or [IPv6]) as written; empty when none is there.</summary>
    public ReadOnlySpan<char> ReadHost()
    {
        var start = Position;
        if (Position < _text.Length && _text[Position] == '[')
        {
            var close = _text[Position..].IndexOf(']');
            if (close < 0)
                return default;
            Position += close + 1;
            return _text[start..Position];
        }
        while (Position < _text.Length && (char.IsAsciiLetterOrDigit(_text[Position]) || _text[Position] is '-' or '.' or '_'))
            Position++;
        return _text[start..Position];
    }

    public ReadOnlySpan<char> ReadDigits()
    {
        var start = Position;
        while (Position < _text.Length && SipGrammar.IsDigit(_text[Position]))
            Position++;
        return _text[start..Position];
    }

    /// <summary>Reads a quoted-string at the cursor and returns its content with quoted-pairs resolved.</summary>
    public bool TryReadQuoted(out string content)
    {
        content = "";
        if (Position >= _text.Length || _text[Position] != '"')
            return false;
        var i = Position + 1;
        var sb = new System.Text.StringBuilder();
        while (i < _text.Length)
        {
            var c = _text[i];
            if (c == '\\')
            {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F); CR and LF cannot follow.
                if (i + 1 >= _text.Length || _text[i + 1] is '\r' or '\n')
                    return false;
                sb.Append(_text[i + 1]);
                i += 2;
                continue;
            }
            if (c == '"')
            {
                Position = i + 1;
                content = sb.ToString();
                return true;
            }
            if (c is '\r' or '\n')
                return false;
            sb.Append(c);
            i++;
        }
        return false;
    }
}
