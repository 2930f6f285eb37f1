using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Hosting;

/// <summary>
/// The caller's side of one call, as the host sees it: play, speak, collect keys, record, and the telephony requests
/// (transfer, park and page ...). The SIP channel does these over RTP and SIP; the scripted channel from a call plan
/// on a virtual clock. Methods complete when the operation has; none blocks a thread.
/// </summary>
public interface ICallChannel
{
    /// <summary>The call's current time (virtual for scripted calls).</summary>
    DateTimeOffset Now { get; }

    /// <summary>Plays prompts; <see cref="PlayedOutcome"/> (with any keys that cut them short) or <see cref="HangUpOutcome"/>.</summary>
    ValueTask<Outcome> PlayAsync(PlayEffect play, CancellationToken cancellationToken = default);

    /// <summary>Speaks text; <see cref="PlayedOutcome"/> or <see cref="HangUpOutcome"/>.</summary>
    ValueTask<Outcome> SpeakAsync(SpeakEffect speak, CancellationToken cancellationToken = default);

    /// <summary>Collects keys; <see cref="DigitsOutcome"/>, <see cref="TimeoutOutcome"/>, <see cref="FaxToneOutcome"/> or <see cref="HangUpOutcome"/>.</summary>
    ValueTask<Outcome> CollectAsync(CollectDigitsEffect collect, CancellationToken cancellationToken = default);

    /// <summary>Records the caller into <paramref name="sink"/> until a key in <see cref="RecordRequest.EndKeys"/>,
    /// silence, the longest length or hang-up.</summary>
    ValueTask<RecordingResult> RecordAsync(RecordRequest request, IAudioSink sink, CancellationToken cancellationToken = default);

    /// <summary>A request no handler performs: the telephony actions and anything a host does not know. The channel
    /// answers with the result (or hang-up).</summary>
    ValueTask<Outcome> RequestAsync(RequestEffect request, CancellationToken cancellationToken = default);

    /// <summary>Notes something the host did (a message stored, a lamp lit) in the call's log or transcript.</summary>
    void Note(string text);
}
