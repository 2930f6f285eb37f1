using System.Threading.Channels;
using CallFlow.Media;
using CallFlow.Runtime.Hosting;
using CallFlow.Runtime.Vm;
using Microsoft.Extensions.Logging;

namespace CallFlow.Server.Sip;

/// <summary>
/// A SIP caller as the VM's channel: prompts are played over the call's <see cref="RtpSession"/> (a key stops them),
/// keys come from RFC 4733 events, recordings take the received audio. A BYE (or a dead media path) ends everything
/// the channel is waiting for with a hang-up. Audio work happens on the media clock; this class only waits for it.
/// </summary>
internal sealed class SipCallChannel : ICallChannel, IAudioFrameSink
{
    private readonly RtpSession _rtp;
    private readonly PromptAudio _prompts;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly Channel<char> _digits = Channel.CreateUnbounded<char>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _hungUp = new();
    private Recorder? _recorder;

    public SipCallChannel(RtpSession rtp, PromptAudio prompts, TimeProvider clock, ILogger log)
    {
        _rtp = rtp;
        _prompts = prompts;
        _clock = clock;
        _log = log;
        _rtp.DigitReceived += digit => _digits.Writer.TryWrite(digit);
        _rtp.Sink = this;
    }

    /// <summary>Set by the dialog when the caller hangs up (BYE) or the call is torn down.</summary>
    public void HangUp() => _hungUp.Cancel();

    /// <summary>The call has left the flow (connected to someone by a transfer or a pick-up): from now on the flow's
    /// audio actions find the call gone, exactly as after a hang-up, while the dialog and its media go on.</summary>
    public void Detach()
    {
        Detached = true;
        _hungUp.Cancel();
    }

    /// <summary>Whether <see cref="Detach"/> was called.</summary>
    public bool Detached { get; private set; }

    /// <summary>Whether the caller has hung up.</summary>
    public bool IsHungUp => _hungUp.IsCancellationRequested;

    /// <summary>Opens the call's last recording for a "$" prompt (null: none); the lease is held while it loads.</summary>
    public Func<CancellationToken, Task<CallFlow.Mailbox.IMessagePlayback?>>? OpenLastRecording { get; init; }

    /// <summary>Requests for the network (transfer ...) the dialog performs; null answers them with their first result.</summary>
    public Func<RequestEffect, CancellationToken, ValueTask<Outcome>>? Network { get; set; }

    public DateTimeOffset Now => _clock.GetUtcNow();

    public void Note(string text) => _log.LogInformation("{Note}", text);

    public async ValueTask<Outcome> PlayAsync(PlayEffect play, CancellationToken cancellationToken = default)
    {
        foreach (var prompt in play.Prompts)
        {
            if (IsHungUp)
                return new HangUpOutcome();
            var source = await ResolveAsync(prompt, play.Languages, cancellationToken).ConfigureAwait(false);
            // The caller may hang up while a prompt is loaded or spoken by text to speech, and the dialog then closes
            // the media: that is a hang-up, not a failed call.
            if (IsHungUp)
                return new HangUpOutcome();
            Task<PlaybackEnd> playing;
            try
            {
                playing = _rtp.PlayAsync(source, bargeIn: true);
            }
            catch (ObjectDisposedException)
            {
                return new HangUpOutcome();
            }
            var ended = await WaitAsync(playing, cancellationToken).ConfigureAwait(false);
            if (ended is null)
                return new HangUpOutcome();
            var keys = DrainDigits();
            if (keys.Length > 0)
            {
                _rtp.StopPlayback();
                return new PlayedOutcome(keys);
            }
        }
        return new PlayedOutcome();
    }

    /// <summary>A prompt's audio; "$" (the call's last recording) is read from the store under a playback lease.</summary>
    private async ValueTask<CallFlow.Media.IAudioSource> ResolveAsync(PlayPrompt prompt, IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        if (prompt.Kind == CallFlow.Vmp.VmpPromptKind.Recording && OpenLastRecording is { } open)
        {
            using var lease = await open(cancellationToken).ConfigureAwait(false);
            if (lease is not null)
                return await _prompts.ResolveAsync(new PlayPrompt(CallFlow.Vmp.VmpPromptKind.File, prompt.Text) { AudioPath = lease.AudioPath }, languages, _rtp.Law, cancellationToken)
                    .ConfigureAwait(false);
            _log.LogInformation("a \"$\" prompt: the call has no recording yet");
        }
        return await _prompts.ResolveAsync(prompt, languages, _rtp.Law, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<Outcome> SpeakAsync(SpeakEffect speak, CancellationToken cancellationToken = default) =>
        // Spoken by the prompt library's text to speech in the action's (or call's) language, like any prompt.
        PlayAsync(new PlayEffect([new PlayPrompt(CallFlow.Vmp.VmpPromptKind.Speech, speak.Text)], [speak.Language]), cancellationToken);

    public async ValueTask<Outcome> CollectAsync(CollectDigitsEffect collect, CancellationToken cancellationToken = default)
    {
        var keys = collect.AlreadyEntered;
        if (!collect.Prompts.IsEmpty && keys.Length == 0)
        {
            var asked = await PlayAsync(new PlayEffect(collect.Prompts, collect.Languages), cancellationToken).ConfigureAwait(false);
            if (asked is HangUpOutcome)
                return asked;
            keys = ((PlayedOutcome)asked).BargeIn;
        }
        var wait = keys.Length == 0 ? collect.Timeout : collect.InterDigitTimeout;
        while (true)
        {
            if (Done(keys) is { } done)
                return new DigitsOutcome(done);
            var digit = await NextDigitAsync(wait, cancellationToken).ConfigureAwait(false);
            if (digit is null)
                return IsHungUp ? new HangUpOutcome() : keys.Length == 0 ? new TimeoutOutcome() : new DigitsOutcome(keys);
            keys += digit.Value;
            wait = collect.InterDigitTimeout;
        }

        string? Done(string entered)
        {
            if (entered.Length > 1 && entered[^1] == '#')
                return entered[..^1];
            if (entered.Length >= collect.MaxDigits || collect.IsComplete(entered))
                return entered;
            return null;
        }
    }

    public async ValueTask<RecordingResult> RecordAsync(RecordRequest request, IAudioSink sink, CancellationToken cancellationToken = default)
    {
        DrainDigits();
        var recorder = new Recorder(sink, request.SilenceTimeout, request.MaxLength, _rtp.Law, () => _digits.Writer.TryWrite(Wake));
        _recorder = recorder;
        var started = _clock.GetUtcNow();
        // Everything that can end or advance the recording arrives as an item in the key channel: a key; the
        // recorder's wake-up when a second of audio is ready for the store, or the longest length or the silence that
        // ends it is reached (to the frame); a Wake on hang-up or cancellation (one registration for the whole
        // recording); and a Wake from the one timer, set on every pass to when silence would be reached if no audio
        // arrived at all. So the loop wakes about once a second, and reads without a cancellation token, which lets the
        // channel reuse its one reader operation: at a thousand calls, a cancellable read (or a timeout exception) per
        // 100 ms was most of the server's garbage, and the garbage collections that came with it were the worst stalls
        // of the media clock.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _hungUp.Token);
        using var wakeOnEnd = ended.Token.UnsafeRegister(static state => ((ChannelWriter<char>)state!).TryWrite(Wake), _digits.Writer);
        using var noAudio = _clock.CreateTimer(static state => ((ChannelWriter<char>)state!).TryWrite(Wake), _digits.Writer, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        try
        {
            while (true)
            {
                var left = request.MaxLength - recorder.Length;
                if (left <= TimeSpan.Zero)
                    return recorder.Finish(RecordingEnd.MaxLength, "");
                if (recorder.SilenceReached)
                    return recorder.Finish(RecordingEnd.Silence, "");
                if (!_digits.Reader.TryRead(out var item))
                {
                    noAudio.Change(recorder.UntilSilenceWithoutAudio, Timeout.InfiniteTimeSpan);
                    item = await _digits.Reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                }
                cancellationToken.ThrowIfCancellationRequested();
                recorder.WriteFullBlocks();
                if (sink.IsClosed)
                    return recorder.Finish(RecordingEnd.MaxLength, "");
                if (IsHungUp)
                {
                    // What the caller said just before hanging up is still in the receive buffer: keep it.
                    _rtp.DrainReceived();
                    return recorder.Finish(RecordingEnd.HangUp, "");
                }
                if (item != Wake && request.EndKeys.Contains(item))
                {
                    // Keys are decoded on arrival, audio at playout: what waits in the receive buffer was said before
                    // the key and belongs to the message (after a stall that can be a few hundred milliseconds).
                    _rtp.DrainReceived();
                    return recorder.Finish(RecordingEnd.Key, item.ToString());
                }
                // Guard: a media path that stopped delivering still ends within the longest length.
                if (_clock.GetUtcNow() - started > request.MaxLength + request.SilenceTimeout)
                    return recorder.Finish(RecordingEnd.Silence, "");
            }
        }
        finally
        {
            _recorder = null;
            await recorder.FlushAsync().ConfigureAwait(false);
        }
    }

    // Not a key: the recorder's "look again" signal through the key channel, which every reader skips.
    private const char Wake = '\0';

    public ValueTask<Outcome> RequestAsync(RequestEffect request, CancellationToken cancellationToken = default) =>
        Network is { } network ? network(request, cancellationToken) : ValueTask.FromResult<Outcome>(new ResultOutcome(request.Results.IsEmpty ? "Next" : request.Results[0]));

    /// <summary>Received audio, on the media thread: to the recorder if one is running.</summary>
    void IAudioFrameSink.Write(ReadOnlySpan<byte> frame) => _recorder?.Append(frame);

    private string DrainDigits()
    {
        var keys = "";
        while (_digits.Reader.TryRead(out var digit))
            if (digit != Wake)
                keys += digit;
        return keys;
    }

    private async ValueTask<char?> NextDigitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        while (_digits.Reader.TryRead(out var ready))
            if (ready != Wake)
                return ready;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _hungUp.Token);
        linked.CancelAfter(wait);
        try
        {
            while (true)
            {
                var digit = await _digits.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
                if (digit != Wake)
                    return digit;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async ValueTask<PlaybackEnd?> WaitAsync(Task<PlaybackEnd> playback, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _hungUp.Token);
        try
        {
            return await playback.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _rtp.StopPlayback();
            return null;
        }
    }

    /// <summary>
    /// Collects received frames on the media thread into one-second blocks and writes whole blocks to the sink off that
    /// thread (a store write may touch the disk); measures the recording by frames received and detects the silence
    /// that ends it from the frames' energy. It wakes the recording's loop when a block is full and when the longest
    /// length or the ending silence is reached, not per frame. A written block goes back to the recorder's spares, so
    /// a recording of any length cycles through two or three blocks (taken from the <see cref="RecordingBlockPool"/>
    /// once) and allocates nothing as it goes.
    /// </summary>
    private sealed class Recorder(IAudioSink sink, TimeSpan silenceTimeout, TimeSpan maxLength, CallFlow.Audio.G711Law law, Action wake)
    {
        private const int BytesPerSecond = 8000;
        private const int BlockBytes = RecordingBlockPool.BlockBytes;
        private readonly long _maxBytes = (long)Math.Min(maxLength.TotalSeconds * BytesPerSecond, long.MaxValue / 2);
        private readonly long _silenceBytes = (long)Math.Min(silenceTimeout.TotalSeconds * BytesPerSecond, long.MaxValue / 2);
        private readonly Lock _lock = new();
        private readonly Stack<byte[]> _spare = new(4);
        private readonly List<byte[]> _rented = new(4);
        private List<(byte[] Block, int Length)> _full = new(4);
        private List<(byte[] Block, int Length)> _writing = new(4);
        private byte[]? _block;
        private int _used;
        private bool _endSignalled;
        private long _bytes;
        private long _silentBytes;
        private long _lastFrameAt = Environment.TickCount64;

        public TimeSpan Length => TimeSpan.FromTicks(Interlocked.Read(ref _bytes) * TimeSpan.TicksPerSecond / 8000);

        /// <summary>Quiet frames for the silence timeout, or no audio arriving at all for that long (a caller whose
        /// phone stops sending RTP is silent too: the session delivers nothing then).</summary>
        public bool SilenceReached =>
            TimeSpan.FromTicks(Interlocked.Read(ref _silentBytes) * TimeSpan.TicksPerSecond / 8000) >= silenceTimeout
            || TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastFrameAt)) >= silenceTimeout;

        /// <summary>How long from now until <see cref="SilenceReached"/> if no frame arrives meanwhile (20 ms to an hour:
        /// a timer takes no more than about 49 days, and a longer silence limit only needs a look now and then).</summary>
        public TimeSpan UntilSilenceWithoutAudio
        {
            get
            {
                var left = silenceTimeout - TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastFrameAt));
                return TimeSpan.FromTicks(Math.Clamp(left.Ticks, TimeSpan.TicksPerMillisecond * 20, TimeSpan.TicksPerHour));
            }
        }

        public void Append(ReadOnlySpan<byte> frame)
        {
            var quiet = IsQuiet(frame);
            // The sink takes µ-law (the store's format): an A-law call's frames are converted on the way in.
            Span<byte> muLaw = stackalloc byte[law == CallFlow.Audio.G711Law.ALaw ? Math.Min(frame.Length, 1024) : 0];
            scoped ReadOnlySpan<byte> audio = frame;
            if (!muLaw.IsEmpty)
            {
                CallFlow.Audio.G711.Transcode(frame[..muLaw.Length], CallFlow.Audio.G711Law.ALaw, muLaw, CallFlow.Audio.G711Law.MuLaw);
                audio = muLaw;
            }
            lock (_lock)
            {
                Interlocked.Exchange(ref _lastFrameAt, Environment.TickCount64);
                while (!audio.IsEmpty)
                {
                    _block ??= NextBlock();
                    var take = Math.Min(audio.Length, BlockBytes - _used);
                    audio[..take].CopyTo(_block.AsSpan(_used));
                    _used += take;
                    audio = audio[take..];
                    Interlocked.Add(ref _bytes, take);
                    if (_used == BlockBytes)
                    {
                        _full.Add((_block, _used));
                        (_block, _used) = (null, 0);
                        wake();
                    }
                }
                Interlocked.Exchange(ref _silentBytes, quiet ? _silentBytes + frame.Length : 0);
                if (!_endSignalled && (_bytes >= _maxBytes || _silentBytes >= _silenceBytes))
                {
                    _endSignalled = true;
                    wake();
                }
            }
        }

        public RecordingResult Finish(RecordingEnd end, string key) => new(end, key, Length);

        /// <summary>Hands complete blocks to the sink as the recording goes, so the store's file grows with it. Only the
        /// recording's own loop calls this (and then <see cref="FlushAsync"/>), never two at once.</summary>
        public void WriteFullBlocks()
        {
            lock (_lock)
            {
                if (_full.Count == 0)
                    return;
                (_full, _writing) = (_writing, _full);
            }
            foreach (var (block, length) in _writing)
                sink.Write(block.AsSpan(0, length));
            lock (_lock)
            {
                foreach (var (block, _) in _writing)
                    _spare.Push(block);
            }
            _writing.Clear();
        }

        /// <summary>Writes what is left, the last partial block too, and gives the blocks back to the pool.</summary>
        public ValueTask FlushAsync()
        {
            WriteFullBlocks();
            byte[]? last;
            int used;
            lock (_lock)
            {
                // Taken together, so a frame appended meanwhile cannot be left behind in a full block.
                (_full, _writing) = (_writing, _full);
                (last, used) = (_block, _used);
                (_block, _used) = (null, 0);
            }
            foreach (var (block, length) in _writing)
                sink.Write(block.AsSpan(0, length));
            _writing.Clear();
            if (last is not null && used > 0)
                sink.Write(last.AsSpan(0, used));
            lock (_lock)
            {
                foreach (var block in _rented)
                    RecordingBlockPool.Return(block);
                _rented.Clear();
                _spare.Clear();
            }
            return ValueTask.CompletedTask;
        }

        private byte[] NextBlock()
        {
            if (_spare.TryPop(out var block))
                return block;
            block = RecordingBlockPool.Rent();
            _rented.Add(block);
            return block;
        }

        // µ-law and A-law silence codes cluster at the top of the range; a frame whose loudest sample is small is quiet.
        private bool IsQuiet(ReadOnlySpan<byte> frame)
        {
            var loudest = 0;
            foreach (var code in frame)
            {
                var level = Math.Abs((int)CallFlow.Audio.G711.Decode(code, law));
                if (level > loudest)
                    loudest = level;
            }
            return loudest < 500;
        }
    }
}
