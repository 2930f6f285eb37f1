using CallFlow.Vmp;

namespace CallFlow.Runtime.Vm;

/// <summary>A prompt ready to play: its kind and its text with call variables already replaced.</summary>
public sealed record PlayPrompt(VmpPromptKind Kind, string Text);
