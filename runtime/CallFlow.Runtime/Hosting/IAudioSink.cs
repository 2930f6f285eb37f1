namespace CallFlow.Runtime.Hosting;

/// <summary>Where recorded audio goes: 8 kHz G.711 µ-law bytes, written as they arrive.</summary>
public interface IAudioSink
{
    /// <summary>Appends audio; called once per frame, so it must not allocate.</summary>
    void Write(ReadOnlySpan<byte> muLaw);

    /// <summary>
    /// True once the sink keeps no more audio (the message store's disk filled up): the channel ends the recording as
    /// at its longest length, rather than leave the caller talking into nothing.
    /// </summary>
    bool IsClosed => false;
}
