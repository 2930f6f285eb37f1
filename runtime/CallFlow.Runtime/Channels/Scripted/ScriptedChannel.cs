using System.Globalization;
using System.Text;
using CallFlow.Runtime.Hosting;
using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Channels.Scripted;

/// <summary>
/// A call's caller side played from a <see cref="CallPlan"/> on a virtual clock, writing the transcript. Timing is
/// fixed: each prompt takes 2 s, speech 1 s per 15 characters, a key 1 s, a request 3 s, a timeout its full length,
/// talking as long as the plan says. A request the plan does not answer takes its first result. When the plan runs
/// out while keys are wanted, the caller hangs up. Every operation completes at once: nothing here waits.
/// </summary>
public sealed class ScriptedChannel : ICallChannel
{
    // One 20 ms frame of a caller talking: a fixed µ-law pattern, written again and again (no allocation per frame).
    private static readonly byte[] TalkFrame = [.. Enumerable.Range(0, 160).Select(i => (byte)(0x80 | (i * 37 % 0x70)))];

    private readonly Queue<PlanEvent> _events;
    private readonly DateTimeOffset _start;
    private readonly StringBuilder _transcript;

    /// <summary>A channel for <paramref name="plan"/>'s events, writing to <paramref name="transcript"/>; time runs
    /// from <paramref name="start"/> (the first call of a plan file) so several calls share one time line.</summary>
    public ScriptedChannel(CallPlan plan, StringBuilder transcript, DateTimeOffset start)
    {
        _events = new Queue<PlanEvent>(plan.Events);
        _transcript = transcript;
        _start = start;
        Now = plan.Start;
    }

    /// <inheritdoc />
    public DateTimeOffset Now { get; private set; }

    /// <summary>Writes one transcript line at the current virtual time.</summary>
    public void Line(string text) => _transcript.Append(CultureInfo.InvariantCulture, $"{(Now - _start).TotalSeconds,7:0.0}s  {text}\n");

    /// <inheritdoc />
    public void Note(string text) => Line(text);

    /// <inheritdoc />
    public ValueTask<Outcome> PlayAsync(PlayEffect play, CancellationToken cancellationToken = default) => Perform(play);

    /// <inheritdoc />
    public ValueTask<Outcome> SpeakAsync(SpeakEffect speak, CancellationToken cancellationToken = default) => Perform(speak);

    /// <inheritdoc />
    public ValueTask<Outcome> CollectAsync(CollectDigitsEffect collect, CancellationToken cancellationToken = default) => Perform(collect);

    /// <inheritdoc />
    public ValueTask<Outcome> RequestAsync(RequestEffect request, CancellationToken cancellationToken = default) => Perform(request);

    /// <inheritdoc />
    public ValueTask<RecordingResult> RecordAsync(RecordRequest request, IAudioSink sink, CancellationToken cancellationToken = default)
    {
        Line($"record up to {Seconds(request.MaxLength)}s, ending on {(request.EndKeys.Length == 0 ? "silence" : string.Join(" or ", request.EndKeys.Select(k => k.ToString())) + " or silence")}");
        var recorded = TimeSpan.Zero;
        while (_events.Count > 0 && _events.Peek().Kind == PlanEventKind.Talk)
        {
            var talk = _events.Dequeue();
            var length = TimeSpan.Parse(talk.Argument, CultureInfo.InvariantCulture);
            if (recorded + length >= request.MaxLength)
                length = request.MaxLength - recorded;
            var frames = (long)(length.TotalMilliseconds / 20);
            var written = 0L;
            for (; written < frames && !sink.IsClosed; written++)
                sink.Write(TalkFrame);
            if (sink.IsClosed)
            {
                // The store took no more (its disk filled): the recording ends there, as a real channel's does.
                var kept = TimeSpan.FromMilliseconds(20 * written);
                recorded += kept;
                Now += kept;
                Line($"  caller: talks for {Seconds(kept)}s");
                return Done(new RecordingResult(RecordingEnd.MaxLength, "", recorded), "the store taking no more audio");
            }
            recorded += length;
            Now += length;
            Line($"  caller: talks for {Seconds(length)}s");
            if (recorded >= request.MaxLength)
                return Done(new RecordingResult(RecordingEnd.MaxLength, "", recorded), "the longest recording is reached");
        }
        var next = _events.Count > 0 ? _events.Peek() : null;
        if (next?.Kind == PlanEventKind.HangUp)
        {
            _events.Dequeue();
            Now += TimeSpan.FromSeconds(1);
            Line("  caller: hangs up");
            return Done(new RecordingResult(RecordingEnd.HangUp, "", recorded), "the caller hung up");
        }
        if (next?.Kind == PlanEventKind.Press && next.Argument.Length > 0 && request.EndKeys.Contains(next.Argument[0]))
        {
            _events.Dequeue();
            Now += TimeSpan.FromSeconds(1);
            Line($"  caller: presses {next.Argument[0]}");
            return Done(new RecordingResult(RecordingEnd.Key, next.Argument[..1], recorded), $"key {next.Argument[0]}");
        }
        if (next?.Kind == PlanEventKind.Silence)
            _events.Dequeue();
        Now += request.SilenceTimeout;
        Line("  caller: says nothing more");
        return Done(new RecordingResult(RecordingEnd.Silence, "", recorded), "silence");

        ValueTask<RecordingResult> Done(RecordingResult result, string why)
        {
            Line($"recorded {Seconds(result.Length)}s, ended by {why}");
            return ValueTask.FromResult(result);
        }
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private ValueTask<Outcome> Perform(Effect effect)
    {
        var (outcome, seconds, said) = Answer(effect);
        Line(Describe(effect));
        Now = Now.AddSeconds(seconds);
        if (said is not null)
            Line($"  caller: {said}");
        return ValueTask.FromResult(outcome);
    }

    private (Outcome Outcome, double Seconds, string? Said) Answer(Effect effect)
    {
        var next = _events.Count > 0 ? _events.Peek() : null;
        if (next?.Kind == PlanEventKind.HangUp)
        {
            _events.Dequeue();
            return (new HangUpOutcome(), 1, "hangs up");
        }
        switch (effect)
        {
            case PlayEffect play:
                // "listen": the caller lets these prompts play out (a repeating clock, say) without a key.
                if (next?.Kind == PlanEventKind.Listen)
                {
                    _events.Dequeue();
                    return (new PlayedOutcome(), 2 * play.Prompts.Length, "listens");
                }
                if (next?.Kind == PlanEventKind.Press)
                {
                    _events.Dequeue();
                    return (new PlayedOutcome(next.Argument), 1, $"presses {next.Argument} during the prompts");
                }
                return (new PlayedOutcome(), 2 * play.Prompts.Length, null);
            case SpeakEffect speak:
                if (next?.Kind == PlanEventKind.Press)
                {
                    _events.Dequeue();
                    return (new PlayedOutcome(next.Argument), 1, $"presses {next.Argument} during the speech");
                }
                return (new PlayedOutcome(), Math.Max(1, speak.Text.Length / 15), null);
            case CollectDigitsEffect collect:
                // Keys typed during the prompts may already complete the entry: enough of them, ending with '#', or
                // deciding the menu.
                if (Decided(collect, collect.AlreadyEntered) is { } decided)
                    return (new DigitsOutcome(decided), 0, null);
                if (collect.AlreadyEntered.Length >= collect.MaxDigits || Terminated(collect.AlreadyEntered))
                    return (new DigitsOutcome(WithoutTerminator(collect.AlreadyEntered)), 0, null);
                // Keys typed ahead and nothing more: the entry ends when the inter-digit time runs out.
                if (collect.AlreadyEntered.Length > 0 && next?.Kind != PlanEventKind.Press)
                    return (new DigitsOutcome(collect.AlreadyEntered), collect.InterDigitTimeout.TotalSeconds, null);
                if (next is null || next.Kind == PlanEventKind.Answer)
                    return (new HangUpOutcome(), 1, "hangs up (the plan has no more input)");
                _events.Dequeue();
                // The asking prompts play out unless a key stops them.
                var asking = next.Kind == PlanEventKind.Press ? 0 : 2 * collect.Prompts.Length;
                return next.Kind switch
                {
                    PlanEventKind.Press => (new DigitsOutcome(Decided(collect, collect.AlreadyEntered + next.Argument) ?? WithoutTerminator(collect.AlreadyEntered + next.Argument)),
                        next.Argument.Length, $"presses {next.Argument}"),
                    PlanEventKind.Fax => (new FaxToneOutcome(), asking + 1, "fax tone"),
                    _ => (new TimeoutOutcome(), asking + collect.Timeout.TotalSeconds, "says nothing"),
                };
            case RequestEffect request:
                if (next?.Kind == PlanEventKind.Answer)
                {
                    _events.Dequeue();
                    return (new ResultOutcome(next.Argument) { Variables = next.Variables }, 3, $"network answers {next.Argument}");
                }
                return (new ResultOutcome(request.Results.IsEmpty ? "Done" : request.Results[0]), 3, null);
            default:
                return (new HangUpOutcome(), 1, "hangs up");
        }
    }

    // The shortest beginning of the keys that decides a menu; keys after it are not used.
    private static string? Decided(CollectDigitsEffect collect, string keys)
    {
        for (var length = 1; length <= keys.Length; length++)
        {
            if (collect.IsComplete(keys[..length]))
                return keys[..length];
        }
        return null;
    }

    // '#' ends an entry and is not part of it, except alone, where it is the key a menu may branch on.
    private static bool Terminated(string keys) => keys.Length > 1 && keys[^1] == '#';

    private static string WithoutTerminator(string keys) => Terminated(keys) ? keys[..^1] : keys;

    /// <summary>One effect as a transcript line.</summary>
    public static string Describe(Effect effect) => effect switch
    {
        PlayEffect play => "play " + string.Join(", ", play.Prompts.Select(Describe)),
        SpeakEffect speak => $"speak \"{speak.Text}\" ({speak.Language})",
        CollectDigitsEffect collect => (collect.Prompts.IsEmpty ? "" : "play " + string.Join(", ", collect.Prompts.Select(Describe)) + ", then ")
            + $"collect up to {collect.MaxDigits} keys, timeout {collect.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s"
            + (collect.AlreadyEntered.Length > 0 ? $", already typed {collect.AlreadyEntered}" : ""),
        RequestEffect request => $"{request.Action} {string.Join(", ", request.Settings.Select(s => $"{s.Key} {s.Value}"))}".TrimEnd()
            + (request.Results.IsEmpty ? "" : $"  [{string.Join(" | ", request.Results)}]"),
        _ => effect.GetType().Name,
    };

    private static string Describe(PlayPrompt prompt) => prompt.Kind switch
    {
        VmpPromptKind.System => $"system({prompt.Text})",
        VmpPromptKind.Speech => $"tts(\"{prompt.Text}\")",
        VmpPromptKind.Digits => $"digits({prompt.Text})",
        VmpPromptKind.Recording => "the last recording",
        _ => $"\"{prompt.Text}\"",
    };

}
