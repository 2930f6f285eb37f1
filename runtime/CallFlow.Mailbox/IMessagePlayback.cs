namespace CallFlow.Mailbox;

/// <summary>
/// A message held open for playback (a lease): while any is open, housekeeping leaves the message alone, and
/// removing it otherwise keeps its file until the last playback is disposed.
/// </summary>
public interface IMessagePlayback : IDisposable
{
    /// <summary>The message as it was when opened.</summary>
    MessageInfo Message { get; }

    /// <summary>Full path of the WAV file (8 kHz mono µ-law, 58-byte header). Read it; never write or move it.</summary>
    string AudioPath { get; }

    /// <summary>Opens the WAV file for reading, header included.</summary>
    Stream OpenAudio();
}
