using CallFlow.Vmp;

namespace CallFlow.Runtime.Vm;

/// <summary>A prompt ready to play: its kind and its text with call variables already replaced.</summary>
public sealed record PlayPrompt(VmpPromptKind Kind, string Text)
{
    /// <summary>For a recording the store holds (a message): its WAV file, which a channel with audio plays; the
    /// <see cref="Text"/> stays a description for transcripts.</summary>
    public string? AudioPath { get; init; }
}
