using System.Text.RegularExpressions;

namespace CallFlow.Speech.Tts;

/// <summary>
/// Turns Speak Text's SAPI 5 markup (reference §3.1.2) into the SSML subset espeak-ng reads with <c>-m</c>:
/// <c>&lt;spell&gt;3001&lt;/spell&gt;</c> → say-as characters ("three zero zero one"), <c>&lt;silence msec="500"/&gt;</c> →
/// a break, <c>&lt;emph&gt;</c> → emphasis, <c>&lt;volume level&gt;</c>, <c>&lt;rate absspeed|speed&gt;</c> and
/// <c>&lt;pitch absmiddle|middle&gt;</c> → prosody. Nested tags apply to their content, empty ones to the rest of the
/// enclosing scope. Other tags (<c>partofsp</c>, <c>voice</c>, <c>lang</c>, <c>pron</c>, unknown ones) are dropped and
/// their text kept. Everything else is text and is escaped, so nothing from a call variable can reach espeak-ng as
/// markup: espeak-ng's own <c>&lt;audio src&gt;</c> would run sox through a shell.
/// </summary>
/// <example><code>SapiMarkup.ToSsml("Dial &lt;spell&gt;201&lt;/spell&gt;") == "&lt;speak&gt;Dial &lt;say-as interpret-as=\"characters\"&gt;201&lt;/say-as&gt;&lt;/speak&gt;"</code></example>
public static partial class SapiMarkup
{
    /// <summary>The longest single <c>&lt;silence&gt;</c>, in milliseconds.</summary>
    public const int MaxSilenceMs = 10_000;

    /// <summary>The most silence one text may ask for in all, so a variable full of tags cannot make minutes of audio.</summary>
    public const int MaxTotalSilenceMs = 60_000;

    /// <summary>The SSML of a text with nothing to say.</summary>
    internal const string Empty = "<speak></speak>";

    /// <summary>SAPI rate -10..10 spans a third to three times the normal speed: 100·3^(rate/10), rounded.</summary>
    internal static readonly int[] RatePercent = [33, 37, 42, 46, 52, 58, 64, 72, 80, 90, 100, 112, 125, 139, 155, 173, 193, 216, 241, 269, 300];

    /// <summary>SAPI pitch -10..10, taken as down or up half an octave at the ends: 100·2^(pitch/20), rounded.</summary>
    internal static readonly int[] PitchPercent = [71, 73, 76, 78, 81, 84, 87, 90, 93, 97, 100, 104, 107, 111, 115, 119, 123, 127, 132, 137, 141];

    /// <summary>The SSML for <paramref name="text"/>; <c>&lt;speak&gt;&lt;/speak&gt;</c> when it has nothing to say.</summary>
    public static string ToSsml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var writer = new SsmlWriter();
        var position = 0;
        while (position < text.Length)
        {
            var tag = text[position] == '<' ? Tag().Match(text, position) : null;
            if (tag is { Success: true })
            {
                writer.Tag(tag);
                position += tag.Length;
                continue;
            }
            var next = text.IndexOf('<', position + 1);
            writer.Text(text.AsSpan(position, (next < 0 ? text.Length : next) - position));
            position = next < 0 ? text.Length : next;
        }
        return writer.Finish();
    }

    /// <summary>True when the SSML would say or pause for something.</summary>
    public static bool IsSilent(string ssml) => ssml == Empty;

    /// <summary>A SAPI tag: optional slash, name, quoted attributes, optional closing slash.</summary>
    [GeneratedRegex("""\G<\s*(?<close>/)?\s*(?<name>[A-Za-z][\w.-]*)(?<attributes>(?:\s+[\w.:-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))*)\s*(?<empty>/)?\s*>""")]
    private static partial Regex Tag();

    [GeneratedRegex("""(?<name>[\w.:-]+)\s*=\s*(?:"(?<value>[^"]*)"|'(?<value>[^']*)')""")]
    internal static partial Regex Attribute();
}
