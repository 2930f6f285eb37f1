namespace CallFlow.Runtime.Vm;

/// <summary>Speak text by text to speech in a language (prompt language code). Resume with <see cref="PlayedOutcome"/>.</summary>
public sealed record SpeakEffect(string Text, string Language) : Effect;
