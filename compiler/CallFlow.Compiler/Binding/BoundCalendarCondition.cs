using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>Voicemail Pro's Calendar: true on any of the dates (inclusive ranges).</summary>
public sealed record BoundCalendarCondition(ImmutableArray<(DateOnly From, DateOnly To)> Dates, SourceLocation Location) : BoundConditionExpression(Location);
