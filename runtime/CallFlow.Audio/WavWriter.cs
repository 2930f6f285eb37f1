namespace CallFlow.Audio;

/// <summary>
/// Streams a RIFF/WAVE file: the header goes out at once, samples are appended as they arrive, and
/// <see cref="Complete"/> (or <see cref="Dispose"/>) fixes the sizes. G.711 files get the <c>fact</c> chunk that
/// non-PCM WAVs must carry. Until completion the sizes read as 0xFFFFFFFF, so a recording cut off by a crash still
/// opens, as truncated, in <see cref="WavReader"/>.
/// </summary>
/// <example><code>
/// using var writer = new WavWriter(File.Create(path), AudioFormat.Telephony(AudioEncoding.MuLaw));
/// writer.Write(rtpPayload); // per packet
/// writer.Complete();
/// </code></example>
public sealed class WavWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _start;
    private readonly long? _declaredLength;
    private bool _completed;
    private bool _disposed;

    /// <summary>Starts a file whose sizes are patched on completion; the stream must be writable and seekable.</summary>
    /// <exception cref="ArgumentException">The stream cannot write or cannot seek.</exception>
    public WavWriter(Stream stream, AudioFormat format, bool leaveOpen = false)
        : this(stream, format, null, leaveOpen)
    {
    }

    /// <summary>
    /// Starts a file of exactly <paramref name="dataLength"/> sample bytes, for streams that cannot seek (a network
    /// response): the header is final from the start, and completion checks that the promised bytes were written.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is negative, too big for RIFF, or not whole frames.</exception>
    public WavWriter(Stream stream, AudioFormat format, long dataLength, bool leaveOpen = false)
        : this(stream, format, (long?)dataLength, leaveOpen)
    {
    }

    private WavWriter(Stream stream, AudioFormat format, long? dataLength, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(format);
        if (!stream.CanWrite)
            throw new ArgumentException("the stream cannot be written", nameof(stream));
        if (dataLength is null && !stream.CanSeek)
            throw new ArgumentException("the stream cannot seek, so the sizes cannot be patched at the end; pass the data length to the constructor", nameof(stream));
        if (dataLength is { } length)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length, nameof(dataLength));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(length, WavLayout.MaxDataLength(format), nameof(dataLength));
            if (length % format.BlockAlign != 0)
                throw new ArgumentOutOfRangeException(nameof(dataLength), length, $"the data length must be whole frames of {format.BlockAlign} bytes");
        }
        (_stream, Format, _declaredLength, _leaveOpen) = (stream, format, dataLength, leaveOpen);
        _start = stream.CanSeek ? stream.Position : 0;

        Span<byte> header = stackalloc byte[WavLayout.MaxHeaderSize];
        var size = dataLength is { } known
            ? WavLayout.WriteHeader(header, format, WavLayout.RiffSize(format, known), (uint)known, (uint)(known / format.BlockAlign))
            : WavLayout.WriteHeader(header, format, WavLayout.Placeholder, WavLayout.Placeholder, WavLayout.Placeholder);
        stream.Write(header[..size]);
    }

    /// <summary>The format written in the header.</summary>
    public AudioFormat Format { get; }

    /// <summary>Sample bytes written so far.</summary>
    public long DataLength { get; private set; }

    /// <summary>Appends encoded samples (PCM16 little-endian, or G.711 codes); allocates nothing.</summary>
    /// <exception cref="InvalidOperationException">The file is complete, or the bytes would pass the declared or RIFF limit.</exception>
    public void Write(ReadOnlySpan<byte> samplesEncoded)
    {
        if (_completed)
            throw new InvalidOperationException("the WAV file is already complete");
        var limit = _declaredLength ?? WavLayout.MaxDataLength(Format);
        if (samplesEncoded.Length > limit - DataLength)
            throw new InvalidOperationException(_declaredLength is null
                ? $"a WAV file holds at most {limit} data bytes (its sizes are 32-bit)"
                : $"writing {samplesEncoded.Length} more bytes would pass the declared data length of {limit} ({DataLength} written)");
        _stream.Write(samplesEncoded);
        DataLength += samplesEncoded.Length;
    }

    /// <summary>
    /// Ends the file: adds the pad byte an odd-sized chunk needs and patches the sizes. Calling it again does nothing;
    /// if it throws, the file is still open, so the missing bytes can be written and it can be called again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The data ends inside a frame, or differs from the declared length.</exception>
    public void Complete()
    {
        if (_completed)
            return;
        if (DataLength % Format.BlockAlign != 0)
            throw new InvalidOperationException($"the data ends inside a frame: {DataLength} bytes is not a multiple of {Format.BlockAlign}");
        if (_declaredLength is { } declared && DataLength != declared)
            throw new InvalidOperationException($"the header declared {declared} data bytes but {DataLength} were written");
        _completed = true;
        if ((DataLength & 1) != 0)
            _stream.Write([0]);
        if (_declaredLength is null)
            PatchSizes();
        _stream.Flush();
    }

    /// <summary>Completes the file if that has not been done, then closes the stream unless told to leave it open.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            Complete();
        }
        finally
        {
            if (!_leaveOpen)
                _stream.Dispose();
        }
    }

    /// <summary>The header length for <paramref name="format"/>: 58 bytes for G.711 (with its <c>fact</c> chunk), 44 for PCM.</summary>
    public static int HeaderSize(AudioFormat format) => WavLayout.HeaderSize(format);

    /// <summary>
    /// Writes a complete header for <paramref name="dataLength"/> bytes of audio into <paramref name="header"/> (at least
    /// <see cref="HeaderSize"/> bytes) and returns its length; for callers that stream audio to a file of their own and
    /// patch the header at the end. An odd data length needs one pad byte after the data, which the caller writes.
    /// </summary>
    public static int WriteHeader(Span<byte> header, AudioFormat format, long dataLength)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (header.Length < WavLayout.HeaderSize(format))
            throw new ArgumentException($"the header needs {WavLayout.HeaderSize(format)} bytes", nameof(header));
        if (dataLength < 0 || dataLength > WavLayout.MaxDataLength(format))
            throw new ArgumentOutOfRangeException(nameof(dataLength));
        return WavLayout.WriteHeader(header, format, WavLayout.RiffSize(format, dataLength), (uint)dataLength, (uint)(dataLength / format.BlockAlign));
    }

    /// <summary>Writes a whole file to <paramref name="stream"/> (which need not seek) in one call.</summary>
    public static void WriteAll(Stream stream, AudioFormat format, ReadOnlySpan<byte> samplesEncoded)
    {
        using var writer = new WavWriter(stream, format, samplesEncoded.Length, leaveOpen: true);
        writer.Write(samplesEncoded);
        writer.Complete();
    }

    /// <summary>A whole file as bytes, e.g. <c>WavWriter.ToBytes(AudioFormat.Telephony(AudioEncoding.ALaw), codes)</c>.</summary>
    public static byte[] ToBytes(AudioFormat format, ReadOnlySpan<byte> samplesEncoded)
    {
        ArgumentNullException.ThrowIfNull(format);
        using var buffer = new MemoryStream(WavLayout.HeaderSize(format) + samplesEncoded.Length + 1);
        WriteAll(buffer, format, samplesEncoded);
        return buffer.ToArray();
    }

    /// <summary>Creates (or replaces) the file at <paramref name="path"/> with the given samples.</summary>
    public static void WriteFile(string path, AudioFormat format, ReadOnlySpan<byte> samplesEncoded)
    {
        using var file = File.Create(path);
        WriteAll(file, format, samplesEncoded);
    }

    private void PatchSizes()
    {
        var end = _stream.Position;
        Patch(WavLayout.RiffSizeOffset, WavLayout.RiffSize(Format, DataLength));
        if (WavLayout.HasFact(Format))
            Patch(WavLayout.FactFramesOffset, (uint)(DataLength / Format.BlockAlign));
        Patch(WavLayout.DataSizeOffset(Format), (uint)DataLength);
        _stream.Position = end;
    }

    private void Patch(int offset, uint value)
    {
        Span<byte> field = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(field, value);
        _stream.Position = _start + offset;
        _stream.Write(field);
    }
}
