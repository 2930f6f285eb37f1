namespace CallFlow.Audio;

/// <summary>
/// What <see cref="WavReader"/> found: the format and where the sample data lies. When the data chunk claims more
/// bytes than the file holds, <see cref="DataLength"/> is what is present and <see cref="Truncated"/> is set, so a
/// recording cut short by a crash still plays.
/// </summary>
/// <param name="Format">The encoding, rate and channel count from the <c>fmt </c> chunk.</param>
/// <param name="DataOffset">Where the first sample byte is, from the start of the file.</param>
/// <param name="DataLength">How many sample bytes are present.</param>
/// <param name="DeclaredDataLength">How many sample bytes the data chunk header claims.</param>
public sealed record WavInfo(AudioFormat Format, long DataOffset, long DataLength, long DeclaredDataLength)
{
    /// <summary>True when the file ends before the data chunk does.</summary>
    public bool Truncated => DataLength < DeclaredDataLength;

    /// <summary>Whole frames present (a trailing partial frame of a truncated file is not counted).</summary>
    public long SampleFrames => DataLength / Format.BlockAlign;

    /// <summary>Play time of the data present: bytes / (rate × channels × bytes per sample).</summary>
    public TimeSpan Duration => Format.DurationOf(DataLength);

    /// <summary>The sample bytes within <paramref name="file"/>, the same bytes this was read from.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="file"/> is shorter than this describes.</exception>
    public ReadOnlySpan<byte> GetData(ReadOnlySpan<byte> file)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DataOffset + DataLength, file.Length, nameof(file));
        return file.Slice((int)DataOffset, (int)DataLength);
    }
}
