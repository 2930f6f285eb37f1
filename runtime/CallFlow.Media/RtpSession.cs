using System.Net;
using System.Net.Sockets;
using CallFlow.Audio;

namespace CallFlow.Media;

/// <summary>
/// One call's media over RTP: a UDP socket from the port range, G.711 audio out (a <see cref="PlayoutQueue"/> paced
/// by the shared <see cref="MediaClock"/>), audio in (through a <see cref="JitterBuffer"/> to an
/// <see cref="IAudioFrameSink"/>, one frame per tick), and RFC 4733 keys both ways, with barge-in. The peer's address
/// comes from SDP and is then latched to where its RTP actually comes from (symmetric RTP).
/// </summary>
/// <remarks>
/// Two parties touch a session: the clock thread (<see cref="Tick"/>: send one packet, read what arrived without
/// blocking (parse, jitter buffer, keys), play out one frame) and the caller's API calls. Packets go out and come in
/// through the <see cref="SocketAddress"/> overloads into buffers allocated when the session opens, so steady-state
/// media allocates nothing and needs no thread, timer or pending receive per call (docs/media.md).
/// </remarks>
/// <example><code>
/// await using var session = RtpSession.Open(clock, new RtpSessionOptions { Law = G711Law.MuLaw });
/// session.SetRemote(new IPEndPoint(sdpAddress, sdpPort));   // then answer with session.LocalEndPoint.Port
/// session.DigitReceived += key => keys.Writer.TryWrite(key);
/// var end = await session.PlayAsync(WavAudioSource.FromFile("welcome.wav", session.Law)); // Completed or BargedIn
/// </code></example>
public sealed partial class RtpSession : IMediaTickable, IAsyncDisposable
{
    private const int SampleRate = 8000;
    private const int ComfortNoisePayloadType = 13; // RFC 3389: carries no audio we play, but has a sequence number

    private readonly Socket _socket;
    private RtpSessionOptions _options;
    private byte _audioPayloadType;
    private byte _silence;
    private readonly int _frameBytes;
    private readonly PlayoutQueue _playout;
    private readonly JitterBuffer _jitter;
    private readonly Lock _jitterLock = new();
    private readonly MediaClockRegistration _registration;
    private volatile Target? _target;
    private volatile Target? _latched;
    private volatile IAudioFrameSink? _sink;
    private int _deepTicks;
    private long _caughtUp;
    private int _closed;
    private int _inTick;
    private int _tickThread = -1;

    private RtpSession(Socket socket, MediaClock clock, RtpSessionOptions options)
    {
        (_socket, _options) = (socket, options);
        var samples = clock.Period.Ticks * SampleRate / TimeSpan.TicksPerSecond;
        if (samples * TimeSpan.TicksPerSecond != clock.Period.Ticks * SampleRate)
            throw new ArgumentException($"the clock's period of {clock.Period.TotalMilliseconds} ms is not a whole number of 8 kHz samples", nameof(clock));
        _frameBytes = (int)samples;
        // Checked here, because the encoder would only find out on the clock thread, which drops a session that throws.
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.DigitDuration, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.DigitDuration, TimeSpan.FromTicks(ushort.MaxValue * TimeSpan.TicksPerSecond / SampleRate), nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DigitGap, TimeSpan.Zero, nameof(options));
        _audioPayloadType = options.AudioPayloadType ?? (options.Law == G711Law.MuLaw ? (byte)0 : (byte)8);
        _silence = G711.Encode(0, options.Law);
        _playout = new PlayoutQueue(_silence);
        _jitter = new JitterBuffer(options.JitterCapacity, options.JitterPrefill, Math.Max(JitterBuffer.DefaultMaxPayload, 3 * _frameBytes), _silence);
        _ssrc = options.Ssrc ?? (uint)Random.Shared.NextInt64(1, uint.MaxValue);
        _sequence = (ushort)Random.Shared.Next(ushort.MaxValue + 1);
        _timestampBase = (uint)Random.Shared.NextInt64(uint.MaxValue + 1L);
        _digitGapTicks = (int)Math.Ceiling(options.DigitGap / clock.Period);
        _encoder = new TelephoneEventEncoder(_frameBytes);
        _sendBuffer = GC.AllocateArray<byte>(RtpPacket.FixedHeaderSize + Math.Max(_frameBytes, TelephoneEvent.Size), pinned: true);
        _frame = new byte[_frameBytes];
        _playoutFrame = new byte[_frameBytes];
        _receiveBuffer = GC.AllocateArray<byte>(ReceiveBufferSize, pinned: true);
        _from = new SocketAddress(socket.AddressFamily);
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _registration = clock.Register(this);
    }

    /// <summary>Where the session receives: the bound address and port to put in the SDP answer.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Where packets go now: the latched source of the peer's RTP, else the SDP address; null before either.</summary>
    public IPEndPoint? RemoteEndPoint => _target?.EndPoint;

    /// <summary>True once the peer's RTP has arrived and its source address has been adopted.</summary>
    public bool IsLatched => _latched is not null;

    /// <summary>The negotiated law of both directions.</summary>
    public G711Law Law => _options.Law;

    /// <summary>Bytes per frame: 160 for 20 ms of G.711.</summary>
    public int FrameBytes => _frameBytes;

    /// <summary>True while audio is queued or playing.</summary>
    public bool IsPlaying => _playout.Count > 0;

    /// <summary>Where received frames go; null discards them. May be changed at any time.</summary>
    public IAudioFrameSink? Sink
    {
        get => _sink;
        set => _sink = value;
    }

    /// <summary>
    /// Raised once per key the peer sends (RFC 4733), on the media clock's thread, after any barge-in it caused. A
    /// handler must not block: every call's media waits for it.
    /// </summary>
    public event Action<char>? DigitReceived;

    /// <summary>Binds a socket and joins the clock (which need not be started yet); it sends and receives on its ticks.</summary>
    /// <exception cref="InvalidOperationException">No port of the range is free.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (jitter buffer size, key duration or gap).</exception>
    public static RtpSession Open(MediaClock clock, RtpSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        options ??= new RtpSessionOptions();
        var socket = options.Ports.Bind(options.LocalAddress);
        try
        {
            if (OperatingSystem.IsWindows())
                socket.IOControl(unchecked((int)0x9800000C), [0, 0, 0, 0], null); // SIO_UDP_CONNRESET off: an ICMP error must not end receiving
            return new RtpSession(socket, clock, options);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sets the peer's address from its SDP (the <c>c=</c> address and <c>m=audio</c> port). Any latch is dropped, so
    /// a re-INVITE that moves the media is followed; with symmetric RTP the next packet from the peer latches again.
    /// </summary>
    public void SetRemote(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = endPoint.Address;
        if (_socket.AddressFamily == AddressFamily.InterNetworkV6 && address.AddressFamily == AddressFamily.InterNetwork)
            address = address.MapToIPv6();
        else if (_socket.AddressFamily != address.AddressFamily)
            throw new ArgumentException($"the session's socket is {_socket.AddressFamily} but the address is {address.AddressFamily}", nameof(endPoint));
        var target = new Target(new IPEndPoint(address, endPoint.Port));
        _latched = null;
        _target = target;
    }

    /// <summary>
    /// Adopts the law and payload types SDP negotiation settled on, for a session that had to be opened before they were
    /// known: its port goes into the offer (a call CallFlow places) or the answer is built around it. Changed in place,
    /// because closing the socket and binding the same port again would leave a moment in which another call's session
    /// could take the port the SDP names. Meant for before the first <see cref="SetRemote"/>: until then nothing is
    /// sent unless the peer's own RTP came early, and what arrives in a payload type not yet agreed is not used.
    /// </summary>
    /// <param name="law">The negotiated G.711 law.</param>
    /// <param name="telephoneEventPayloadType">The negotiated telephone-event payload type.</param>
    /// <param name="audioPayloadType">The negotiated audio payload type; the law's static one (PCMU 0, PCMA 8) when null.</param>
    public void UseFormat(G711Law law, byte telephoneEventPayloadType, byte? audioPayloadType = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(telephoneEventPayloadType, (byte)127);
        if (audioPayloadType is { } pt)
            ArgumentOutOfRangeException.ThrowIfGreaterThan(pt, (byte)127);
        var silence = G711.Encode(0, law);
        // The receive side reads these under the lock; the send side reads each byte once per tick, so at worst one
        // packet sent before the change carries the old law's silence.
        lock (_jitterLock)
        {
            _options = _options with { Law = law, TelephoneEventPayloadType = telephoneEventPayloadType, AudioPayloadType = audioPayloadType };
            _audioPayloadType = audioPayloadType ?? (law == G711Law.MuLaw ? (byte)0 : (byte)8);
            _silence = silence;
            _jitter.Silence = silence;
            _playout.Silence = silence;
        }
    }

    /// <summary>
    /// Queues audio (in <see cref="Law"/>) after whatever is playing; the task completes when it has been sent, cut
    /// short by a key (when <paramref name="bargeIn"/>), or stopped.
    /// </summary>
    public Task<PlaybackEnd> PlayAsync(IAudioSource source, bool bargeIn = true)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        return _playout.Enqueue(source, bargeIn);
    }

    /// <summary>Ends everything queued or playing, as <see cref="PlaybackEnd.Stopped"/>; returns how many.</summary>
    public int StopPlayback() => _playout.Stop();

    /// <summary>Queues keys to send as RFC 4733 events, each held <see cref="RtpSessionOptions.DigitDuration"/>.</summary>
    /// <exception cref="ArgumentException">A character is not a DTMF key (0-9, *, #, A-D).</exception>
    public void SendDigits(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        foreach (var digit in digits)
            if (!TelephoneEvent.TryGetEventCode(digit, out _))
                throw new ArgumentException($"'{digit}' is not a DTMF key (0-9, *, #, A-D)", nameof(digits));
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        foreach (var digit in digits)
            _digitsToSend.Enqueue(digit);
    }

    /// <summary>A snapshot of the session's counters.</summary>
    public RtpSessionStats GetStats()
    {
        lock (_jitterLock)
        {
            return new RtpSessionStats(
                PacketsSent: Volatile.Read(ref _packetsSent),
                PacketsReceived: Volatile.Read(ref _packetsReceived),
                FramesDelivered: Volatile.Read(ref _framesDelivered),
                Lost: _jitter.Lost,
                Late: _jitter.Late,
                Duplicates: _jitter.Duplicates,
                Overflows: _jitter.Overflows,
                Underruns: _jitter.Underruns,
                DtmfDigits: Volatile.Read(ref _digitsReceived),
                DtmfDigitsSent: Volatile.Read(ref _digitsSent),
                Malformed: Volatile.Read(ref _malformed),
                RtcpIgnored: Volatile.Read(ref _rtcpIgnored),
                ForeignDropped: Volatile.Read(ref _foreignDropped),
                UnknownPayload: Volatile.Read(ref _unknownPayload),
                SendErrors: Volatile.Read(ref _sendErrors),
                HandlerErrors: Volatile.Read(ref _handlerErrors),
                CaughtUp: _caughtUp,
                ReceiveErrors: Volatile.Read(ref _receiveErrors));
        }
    }

    /// <summary>
    /// Leaves the clock, stops playback (<see cref="PlaybackEnd.Stopped"/>), closes the socket and waits for a tick that
    /// is running the session. Once it returns, no tick runs the session and the sink is not called again.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
            return;
        _registration.Dispose();
        _playout.Stop();
        _socket.Dispose();
        // The Exchange above is a full fence, so a tick that read _closed as 0 has already raised _inTick. Wait for it,
        // unless this is that tick (a sink or clock callback closing its own session).
        while (Volatile.Read(ref _inTick) != 0 && Volatile.Read(ref _tickThread) != Environment.CurrentManagedThreadId)
            await Task.Delay(1).ConfigureAwait(false);
    }

    /// <summary>The peer's address in both forms: the endpoint for show, the socket address for sending and matching.</summary>
    private sealed class Target
    {
        public Target(IPEndPoint endPoint) => (EndPoint, Address) = (endPoint, endPoint.Serialize());

        public Target(SocketAddress received)
        {
            Address = new SocketAddress(received.Family, received.Size);
            received.Buffer.Span[..received.Size].CopyTo(Address.Buffer.Span);
            var any = received.Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
            EndPoint = (IPEndPoint)new IPEndPoint(any, 0).Create(Address);
        }

        public IPEndPoint EndPoint { get; }

        public SocketAddress Address { get; }
    }
}
