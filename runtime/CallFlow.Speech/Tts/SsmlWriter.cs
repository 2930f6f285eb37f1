using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CallFlow.Speech.Tts;

/// <summary>
/// Builds the SSML of <see cref="SapiMarkup.ToSsml"/>: text runs are flushed with the style in force (spell, emphasis,
/// prosody), each as its own flat element, so percentages never compound and the output is always well formed.
/// </summary>
internal sealed class SsmlWriter
{
    private readonly StringBuilder _ssml = new("<speak>");
    private readonly StringBuilder _run = new();
    private readonly Stack<(string Name, SapiStyle Saved)> _open = new();
    private SapiStyle _style = SapiStyle.Default;
    private int _silenceMs;
    private bool _said;

    public void Text(ReadOnlySpan<char> text)
    {
        // SAPI input is XML: its entities stand for characters (AT&amp;T is "AT&T"); they are escaped again below.
        var decoded = WebUtility.HtmlDecode(text.ToString());
        foreach (var rune in decoded.EnumerateRunes())
        {
            if (Rune.IsControl(rune) && rune.Value is not ('\n' or '\r' or '\t'))
                _run.Append(' ');
            else if (rune.Value == '&')
                _run.Append("&amp;");
            else if (rune.Value == '<')
                _run.Append("&lt;");
            else if (rune.Value == '>')
                _run.Append("&gt;");
            else
                _run.Append(rune.ToString());
        }
    }

    public void Tag(Match tag)
    {
        Flush();
        var name = tag.Groups["name"].Value.ToLowerInvariant();
        if (tag.Groups["close"].Success)
        {
            Close(name);
            return;
        }
        var attributes = SapiMarkup.Attribute().Matches(tag.Groups["attributes"].Value)
            .GroupBy(a => a.Groups["name"].Value.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => g.Last().Groups["value"].Value);
        var empty = tag.Groups["empty"].Success;
        if (name == "silence")
        {
            Silence(attributes);
            return;
        }
        var changed = name switch
        {
            "volume" => _style with { Volume = Number(attributes, "level", 0, 100) ?? _style.Volume },
            "rate" => _style with { Rate = Level(attributes, "absspeed", "speed", _style.Rate) },
            "pitch" => _style with { Pitch = Level(attributes, "absmiddle", "middle", _style.Pitch) },
            "emph" when !empty => _style with { Emphasis = true },
            "spell" when !empty => _style with { Spell = true },
            _ => (SapiStyle?)null,
        };
        if (changed is not { } style)
            return; // partofsp, voice, lang, pron, bookmark, unknown tags: the text inside is spoken as it is
        if (!empty)
            _open.Push((name, _style));
        _style = style;
    }

    public string Finish()
    {
        Flush();
        return _said ? _ssml.Append("</speak>").ToString() : SapiMarkup.Empty;
    }

    private void Close(string name)
    {
        if (!_open.Any(o => o.Name == name))
            return;
        // Tags closed out of order close whatever was opened inside them too, as an XML parser's recovery would.
        string closed;
        do
            (closed, _style) = _open.Pop();
        while (closed != name);
    }

    private void Silence(Dictionary<string, string> attributes)
    {
        var wanted = Number(attributes, "msec", 0, SapiMarkup.MaxSilenceMs) ?? 0;
        var granted = Math.Min(wanted, SapiMarkup.MaxTotalSilenceMs - _silenceMs);
        if (granted <= 0)
            return;
        _silenceMs += granted;
        _said = true;
        _ssml.Append(CultureInfo.InvariantCulture, $"<break time=\"{granted}ms\"/>");
    }

    private void Flush()
    {
        if (_run.Length == 0)
            return;
        var text = _run.ToString();
        _run.Clear();
        if (string.IsNullOrWhiteSpace(text))
        {
            _ssml.Append(text);
            return;
        }
        _said = true;
        if (_style.Spell)
            text = $"<say-as interpret-as=\"characters\">{text}</say-as>";
        if (_style.Emphasis)
            text = $"<emphasis>{text}</emphasis>";
        var prosody = new StringBuilder();
        if (_style.Volume != 100)
            prosody.Append(CultureInfo.InvariantCulture, $" volume=\"{_style.Volume}%\"");
        if (_style.Rate != 0)
            prosody.Append(CultureInfo.InvariantCulture, $" rate=\"{SapiMarkup.RatePercent[_style.Rate + 10]}%\"");
        if (_style.Pitch != 0)
            prosody.Append(CultureInfo.InvariantCulture, $" pitch=\"{SapiMarkup.PitchPercent[_style.Pitch + 10]}%\"");
        _ssml.Append(prosody.Length == 0 ? text : $"<prosody{prosody}>{text}</prosody>");
    }

    private static int Level(Dictionary<string, string> attributes, string absolute, string relative, int current) =>
        Number(attributes, absolute, -10, 10) ?? Math.Clamp(current + (Number(attributes, relative, -20, 20) ?? 0), -10, 10);

    private static int? Number(Dictionary<string, string> attributes, string name, int min, int max) =>
        attributes.TryGetValue(name, out var text) && int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? Math.Clamp(value, min, max)
            : null;
}
