namespace CallFlow.Audio;

/// <summary>How samples are stored. The values are the WAVE <c>fmt </c> format tags, so a tag casts straight across.</summary>
public enum AudioEncoding
{
    /// <summary>16-bit signed little-endian linear PCM (format tag 1).</summary>
    Pcm16 = 1,

    /// <summary>G.711 A-law, one byte per sample (format tag 6).</summary>
    ALaw = 6,

    /// <summary>G.711 µ-law, one byte per sample (format tag 7).</summary>
    MuLaw = 7,
}
