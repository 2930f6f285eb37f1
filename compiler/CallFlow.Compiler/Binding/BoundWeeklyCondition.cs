using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>Voicemail Pro's Week Planner: true inside any of the periods.</summary>
public sealed record BoundWeeklyCondition(ImmutableArray<WeekPeriod> Periods, SourceLocation Location) : BoundConditionExpression(Location);
