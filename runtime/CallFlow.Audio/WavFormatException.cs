namespace CallFlow.Audio;

/// <summary>
/// A WAV file that cannot be read: the message names what is wrong and <see cref="Offset"/> the byte where it was found.
/// <see cref="WavReader"/> throws nothing else for bad input, however it is damaged.
/// </summary>
/// <example><code>the fmt chunk declares 0 channels (at byte 22)</code></example>
public sealed class WavFormatException(string problem, long offset) : Exception($"{problem} (at byte {offset})")
{
    /// <summary>The byte offset, from the start of the file, where the problem was found.</summary>
    public long Offset { get; } = offset;

    /// <summary>What is wrong, without the offset.</summary>
    public string Problem { get; } = problem;
}
