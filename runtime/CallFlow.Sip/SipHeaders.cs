using System.Collections;
using System.Text;

namespace CallFlow.Sip;

/// <summary>
/// The header lines of a message in their order. Names are stored canonically (compact forms mapped to full names,
/// <see cref="SipHeaderNames"/>) and compared case-insensitively. A parsed header keeps its bytes and becomes a
/// string only when read, so headers nobody looks at cost no allocation.
/// </summary>
/// <example><code>
/// headers.Add("v", "SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds");
/// headers.GetFirst("Via")   // the value above
/// headers.GetValues("Via")  // one entry per comma-separated value across all Via lines
/// </code></example>
public sealed class SipHeaders : IReadOnlyList<SipHeader>
{
    private Entry[] _entries;
    private int _count;

    /// <summary>Creates an empty collection.</summary>
    public SipHeaders() => _entries = new Entry[8];

    internal SipHeaders(int capacity) => _entries = new Entry[Math.Max(capacity, 1)];

    /// <inheritdoc />
    public int Count => _count;

    /// <inheritdoc />
    public SipHeader this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return new SipHeader(_entries[index].Name, ValueAt(index));
        }
    }

    /// <summary>Appends a header line; <paramref name="name"/> may be a compact form.</summary>
    /// <exception cref="ArgumentException">The name is not a token, or the value holds CR or LF.</exception>
    public void Add(string name, string value) => Insert(_count, name, value);

    /// <summary>Inserts a header line at <paramref name="index"/> (0 puts it first, as a proxy adds its Via).</summary>
    /// <exception cref="ArgumentException">The name is not a token, or the value holds CR or LF.</exception>
    public void Insert(int index, string name, string value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)_count, nameof(index));
        var canonical = CheckedName(name);
        if (value.AsSpan().ContainsAny('\r', '\n'))
            throw new ArgumentException($"the value of header '{canonical}' must not contain CR or LF", nameof(value));
        Grow();
        Array.Copy(_entries, index, _entries, index + 1, _count - index);
        _entries[index] = new Entry { Name = canonical, Text = value.Trim(' ', '\t') };
        _count++;
    }

    /// <summary>Replaces every line named <paramref name="name"/> by one line with <paramref name="value"/>.</summary>
    public void Set(string name, string value)
    {
        var canonical = CheckedName(name);
        var first = IndexOf(canonical, 0);
        if (first < 0)
        {
            Add(canonical, value);
            return;
        }
        if (value.AsSpan().ContainsAny('\r', '\n'))
            throw new ArgumentException($"the value of header '{canonical}' must not contain CR or LF", nameof(value));
        _entries[first] = new Entry { Name = _entries[first].Name, Text = value.Trim(' ', '\t') };
        for (var i = _count - 1; i > first; i--)
            if (Matches(i, canonical))
                RemoveAt(i);
    }

    /// <summary>Removes every line named <paramref name="name"/> and returns how many there were.</summary>
    public int Remove(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        var removed = 0;
        for (var i = _count - 1; i >= 0; i--)
            if (Matches(i, canonical))
            {
                RemoveAt(i);
                removed++;
            }
        return removed;
    }

    /// <summary>Removes the line at <paramref name="index"/>.</summary>
    public void RemoveAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        _count--;
        Array.Copy(_entries, index + 1, _entries, index, _count - index);
        _entries[_count] = default;
    }

    /// <summary>True when at least one line is named <paramref name="name"/>.</summary>
    public bool Contains(string name) => IndexOf(SipHeaderNames.Canonicalize(name), 0) >= 0;

    /// <summary>How many lines are named <paramref name="name"/> (not how many comma-separated values).</summary>
    public int CountOf(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        var n = 0;
        for (var i = 0; i < _count; i++)
            if (Matches(i, canonical))
                n++;
        return n;
    }

    /// <summary>The value of the first line named <paramref name="name"/>, or null.</summary>
    public string? GetFirst(string name)
    {
        var i = IndexOf(SipHeaderNames.Canonicalize(name), 0);
        return i < 0 ? null : ValueAt(i);
    }

    /// <summary>The value of every line named <paramref name="name"/>, in order, each as one unsplit string.</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        List<string>? values = null;
        for (var i = 0; i < _count; i++)
            if (Matches(i, canonical))
                (values ??= []).Add(ValueAt(i));
        return values ?? (IReadOnlyList<string>)[];
    }

    /// <summary>
    /// Every comma-separated value of every line named <paramref name="name"/>, in order; commas inside quoted
    /// strings and angle brackets do not split, and empty elements are dropped. Use only for list headers
    /// (<see cref="SipHeaderNames.IsList"/>).
    /// </summary>
    public IReadOnlyList<string> GetValues(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        List<string>? values = null;
        for (var i = 0; i < _count; i++)
        {
            if (!Matches(i, canonical))
                continue;
            foreach (var part in SipGrammar.SplitList(ValueAt(i)))
                if (part.Length > 0)
                    (values ??= []).Add(part);
        }
        return values ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Splits one list-header value at top-level commas (outside quotes and angle brackets).</summary>
    /// <example><code>SipHeaders.SplitList("\"Doe, J\" &lt;sip:j@x&gt;, &lt;sip:k@y&gt;").Count == 2</code></example>
    public static IReadOnlyList<string> SplitList(string value) => SipGrammar.SplitList(value);

    /// <inheritdoc />
    public IEnumerator<SipHeader> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void AddParsed(string canonicalName, ReadOnlyMemory<byte> raw)
    {
        Grow();
        _entries[_count++] = new Entry { Name = canonicalName, Raw = raw };
    }

    internal string NameAt(int index) => _entries[index].Name;

    /// <summary>The bytes a parsed, unchanged line arrived with, so writing it back is exact even for non-UTF-8.</summary>
    internal bool TryGetRaw(int index, out ReadOnlyMemory<byte> raw)
    {
        ref var e = ref _entries[index];
        raw = e.Raw;
        return e.Text is null || e.FromRaw;
    }

    internal string ValueAt(int index)
    {
        ref var e = ref _entries[index];
        if (e.Text is null)
        {
            e.Text = Encoding.UTF8.GetString(e.Raw.Span);
            e.FromRaw = true;
        }
        return e.Text;
    }

    internal int IndexOf(string canonicalName, int start)
    {
        for (var i = start; i < _count; i++)
            if (Matches(i, canonicalName))
                return i;
        return -1;
    }

    private bool Matches(int index, string canonicalName) =>
        ReferenceEquals(_entries[index].Name, canonicalName)
        || string.Equals(_entries[index].Name, canonicalName, StringComparison.OrdinalIgnoreCase);

    private static string CheckedName(string name)
    {
        if (!SipGrammar.IsToken(name.AsSpan()))
            throw new ArgumentException($"'{name}' is not a valid header name (RFC 3261 token)", nameof(name));
        return SipHeaderNames.Canonicalize(name);
    }

    private void Grow()
    {
        if (_count == _entries.Length)
            Array.Resize(ref _entries, _entries.Length * 2);
    }

    private struct Entry
    {
        public string Name;
        public string? Text;
        public ReadOnlyMemory<byte> Raw;
        public bool FromRaw;
    }
}
