using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>One prompt: a .wav file, a system prompt, text to speak, digits to read out, or the last recording ($).</summary>
public sealed record BoundPrompt(PromptKind Kind, string Text, ImmutableArray<string> Variables, SourceLocation Location) : BoundValue(Location);
