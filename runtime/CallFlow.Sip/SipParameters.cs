using System.Collections;
using System.Collections.Immutable;
using System.Text;

namespace CallFlow.Sip;

/// <summary>
/// An immutable, ordered parameter list; names compare case-insensitively (RFC 3261 §7.3.1).
/// </summary>
/// <example><code>via.Parameters.Get("branch") == "z9hG4bK776asdhds"</code></example>
public sealed class SipParameters : IReadOnlyList<SipParameter>
{
    private readonly ImmutableArray<SipParameter> _items;

    /// <summary>The empty list.</summary>
    public static SipParameters Empty { get; } = new(ImmutableArray<SipParameter>.Empty);

    /// <summary>Wraps <paramref name="items"/> in their order.</summary>
    public SipParameters(ImmutableArray<SipParameter> items) => _items = items.IsDefault ? ImmutableArray<SipParameter>.Empty : items;

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public SipParameter this[int index] => _items[index];

    /// <summary>True when a parameter named <paramref name="name"/> is present, with or without a value.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of the first parameter named <paramref name="name"/>; null when absent or valueless.</summary>
    public string? Get(string name)
    {
        var i = IndexOf(name);
        return i < 0 ? null : _items[i].Value;
    }

    /// <summary>Returns a copy with <paramref name="name"/> set (replacing the first occurrence, or appended).</summary>
    public SipParameters With(string name, string? value, bool quoted = false)
    {
        var i = IndexOf(name);
        var item = new SipParameter(name, value, quoted);
        return new SipParameters(i < 0 ? _items.Add(item) : _items.SetItem(i, item));
    }

    /// <summary>Returns a copy without any parameter named <paramref name="name"/>.</summary>
    public SipParameters Without(string name) =>
        new(_items.RemoveAll(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Writes each parameter as <c>;name=value</c> (or with <paramref name="separator"/> instead of ';').</summary>
    public void AppendTo(StringBuilder sb, char separator = ';')
    {
        foreach (var p in _items)
        {
            sb.Append(separator).Append(p.Name);
            if (p.Value is null)
                continue;
            sb.Append('=');
            if (p.IsQuoted)
                SipGrammar.AppendQuoted(sb, p.Value);
            else
                sb.Append(p.Value);
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendTo(sb);
        return sb.ToString();
    }

    /// <inheritdoc />
    public ImmutableArray<SipParameter>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<SipParameter> IEnumerable<SipParameter>.GetEnumerator() => ((IEnumerable<SipParameter>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)_items).GetEnumerator();

    private int IndexOf(string name)
    {
        for (var i = 0; i < _items.Length; i++)
            if (string.Equals(_items[i].Name, name, StringComparison.OrdinalIgnoreCase))
                return i;
        return -1;
    }

    /// <summary>
    /// Parses <c>*( SEMI generic-param )</c> at the reader (RFC 3261 §25.1: generic-param = token [ EQUAL gen-value ],
    /// gen-value = token / host / quoted-string). Stops at the end or at a character that cannot start a SEMI.
    /// </summary>
    internal static bool TryParse(ref SipTextReader reader, out SipParameters parameters)
    {
        parameters = Empty;
        ImmutableArray<SipParameter>.Builder? items = null;
        while (reader.TrySeparator(';'))
        {
            var name = reader.ReadToken();
            if (name.IsEmpty)
                return false;
            string? value = null;
            var quoted = false;
            if (reader.TrySeparator('='))
            {
                if (reader.Peek == '"')
                {
                    if (!reader.TryReadQuoted(out var content))
                        return false;
                    value = content;
                    quoted = true;
                }
                else
                {
                    var start = reader.Position;
                    while (!reader.AtEnd && (SipGrammar.IsTokenChar(reader.Peek) || reader.Peek is '[' or ']' or ':'))
                        reader.Position++;
                    if (reader.Position == start)
                        return false;
                    value = new string(reader.Slice(start, reader.Position));
                }
            }
            items ??= ImmutableArray.CreateBuilder<SipParameter>();
            items.Add(new SipParameter(new string(name), value, quoted));
        }
        if (items is not null)
            parameters = new SipParameters(items.ToImmutable());
        return true;
    }
}
