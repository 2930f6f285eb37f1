using System.Buffers.Binary;

namespace CallFlow.Media;

/// <summary>
/// One RTP packet read in place from a datagram (RFC 3550 §5.1): the fixed header, the CSRC list and any header
/// extension are stepped over, padding is cut off, and <see cref="Payload"/> points into the datagram. Parsing never
/// throws and never allocates; a datagram that is not valid RTP gives <c>false</c>.
/// </summary>
/// <example><code>
/// if (RtpPacket.IsRtcp(datagram)) return;                      // RTCP on the RTP port: ignored
/// if (RtpPacket.TryParse(datagram, out var packet)) Use(packet.Header.SequenceNumber, packet.Payload);
/// </code></example>
public readonly ref struct RtpPacket
{
    /// <summary>Bytes of the fixed header: V/P/X/CC, M/PT, sequence number, timestamp, SSRC.</summary>
    public const int FixedHeaderSize = 12;

    /// <summary>The one RTP version in use (RFC 3550 §5.1).</summary>
    public const int Version = 2;

    private readonly ReadOnlySpan<byte> _csrcs;

    private RtpPacket(RtpHeader header, ReadOnlySpan<byte> csrcs, bool hasExtension, int paddingLength, ReadOnlySpan<byte> payload)
    {
        Header = header;
        _csrcs = csrcs;
        HasExtension = hasExtension;
        PaddingLength = paddingLength;
        Payload = payload;
    }

    /// <summary>Payload type, sequence number, timestamp, SSRC and marker.</summary>
    public RtpHeader Header { get; }

    /// <summary>Contributing sources listed after the fixed header (0..15).</summary>
    public int CsrcCount => _csrcs.Length / 4;

    /// <summary>True when a header extension was present (and skipped).</summary>
    public bool HasExtension { get; }

    /// <summary>Padding bytes removed from the end, counting the count byte itself; 0 without the P bit.</summary>
    public int PaddingLength { get; }

    /// <summary>The payload: after the CSRCs and extension, before the padding. Points into the parsed datagram.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>The CSRC at <paramref name="index"/> (0 ≤ index &lt; <see cref="CsrcCount"/>).</summary>
    public uint GetCsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_csrcs[(4 * index)..]);
    }

    /// <summary>
    /// True for an RTCP packet arriving on the RTP port: version 2 and a second byte of 200..204 (SR, RR, SDES, BYE,
    /// APP). RFC 5761 §4 tells them apart this way; as RTP those bytes would be payload types 72..76 with the marker
    /// set, which RFC 3551 reserves for exactly this reason.
    /// </summary>
    public static bool IsRtcp(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= 8 && datagram[0] >> 6 == Version && datagram[1] is >= 200 and <= 204;

    /// <summary>
    /// Reads <paramref name="datagram"/> as RTP. False for anything shorter than its headers claim, a version other
    /// than 2, padding whose count is 0 or longer than the payload, and RTCP (see <see cref="IsRtcp"/>).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out RtpPacket packet)
    {
        packet = default;
        if (datagram.Length < FixedHeaderSize || datagram[0] >> 6 != Version || IsRtcp(datagram))
            return false;
        var csrcCount = datagram[0] & 0x0F;
        var hasExtension = (datagram[0] & 0x10) != 0;
        var hasPadding = (datagram[0] & 0x20) != 0;
        var offset = FixedHeaderSize + 4 * csrcCount;
        if (offset > datagram.Length)
            return false;
        if (hasExtension)
        {
            // §5.3.1: 16 bits profile-defined, 16 bits length in 32-bit words, not counting this 4-byte header.
            if (offset + 4 > datagram.Length)
                return false;
            var words = BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]);
            offset += 4 + 4 * words;
            if (offset > datagram.Length)
                return false;
        }
        var end = datagram.Length;
        var padding = 0;
        if (hasPadding)
        {
            // §5.1: the last octet counts the padding, itself included, so 0 is invalid (A.1's validity check).
            padding = datagram[^1];
            if (padding == 0 || padding > end - offset)
                return false;
            end -= padding;
        }
        var header = new RtpHeader(
            PayloadType: (byte)(datagram[1] & 0x7F),
            SequenceNumber: BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]),
            Timestamp: BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]),
            Ssrc: BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]),
            Marker: (datagram[1] & 0x80) != 0);
        packet = new RtpPacket(header, datagram[FixedHeaderSize..(FixedHeaderSize + 4 * csrcCount)], hasExtension, padding, datagram[offset..end]);
        return true;
    }

    /// <summary>
    /// Writes a 12-byte header and <paramref name="payload"/> into <paramref name="destination"/> and returns the
    /// length; false (writing nothing usable) when it does not fit or the payload type is over 127.
    /// </summary>
    public static bool TryWrite(Span<byte> destination, in RtpHeader header, ReadOnlySpan<byte> payload, out int written)
    {
        written = 0;
        if (header.PayloadType > 127 || destination.Length < FixedHeaderSize + payload.Length)
            return false;
        WriteHeader(destination, header);
        payload.CopyTo(destination[FixedHeaderSize..]);
        written = FixedHeaderSize + payload.Length;
        return true;
    }

    /// <summary>
    /// Writes only the 12-byte header, for a sender that put the payload after it already (so it is not copied).
    /// </summary>
    /// <exception cref="ArgumentException">The destination is shorter than 12 bytes or the payload type is over 127.</exception>
    public static void WriteHeader(Span<byte> destination, in RtpHeader header)
    {
        if (header.PayloadType > 127 || destination.Length < FixedHeaderSize)
            throw new ArgumentException(header.PayloadType > 127 ? $"payload type {header.PayloadType} is over 127" : "an RTP header takes 12 bytes", nameof(destination));
        destination[0] = Version << 6;
        destination[1] = (byte)(header.PayloadType | (header.Marker ? 0x80 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], header.SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], header.Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], header.Ssrc);
    }

    /// <summary>As <see cref="TryWrite"/>, for callers whose buffer is sized to fit.</summary>
    /// <exception cref="ArgumentException">The destination is too short or the payload type is over 127.</exception>
    public static int Write(Span<byte> destination, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (!TryWrite(destination, header, payload, out var written))
            throw new ArgumentException(header.PayloadType > 127
                ? $"payload type {header.PayloadType} is over 127"
                : $"the packet needs {FixedHeaderSize + payload.Length} bytes but the destination holds {destination.Length}", nameof(destination));
        return written;
    }
}
