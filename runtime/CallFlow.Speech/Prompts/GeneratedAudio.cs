using System.Globalization;
using CallFlow.Audio;

namespace CallFlow.Speech.Prompts;

/// <summary>
/// Catalogue entries that are sound rather than speech: <c>@tone:&lt;Hz&gt;:&lt;ms&gt;</c> (the record tone is
/// <c>@tone:1000:400</c>) and <c>@silence:&lt;ms&gt;</c> (music on hold until a site supplies its own file).
/// </summary>
public static class GeneratedAudio
{
    /// <summary>The longest generated sound, so a typo cannot make an hour of tone.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(30);

    /// <summary>True for texts that describe a sound (they start with <c>@</c>).</summary>
    public static bool IsGenerated(string text) => text.StartsWith('@');

    /// <summary>The sound as 8 kHz µ-law, or null when <paramref name="text"/> is not a well-formed description.</summary>
    /// <example><code>GeneratedAudio.Render("@tone:1000:400")!.Length == 3200</code></example>
    public static byte[]? Render(string text)
    {
        var parts = text.Split(':');
        static int? Number(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var (frequency, milliseconds) = parts switch
        {
            ["@tone", var hz, var ms] when Number(hz) is > 0 and <= 3400 => (Number(hz)!.Value, Number(ms)),
            ["@silence", var ms] => (0, Number(ms)),
            _ => (0, null),
        };
        if (milliseconds is not { } length || length <= 0 || length > MaxDuration.TotalMilliseconds)
            return null;
        var samples = new short[Tone.SamplesFor(TimeSpan.FromMilliseconds(length))];
        if (frequency > 0)
            Tone.Sine(samples, frequency, 0.25); // about -15 dBm0: clearly heard, never clipped
        var muLaw = new byte[samples.Length];
        G711.Encode(samples, muLaw, G711Law.MuLaw);
        return muLaw;
    }
}
