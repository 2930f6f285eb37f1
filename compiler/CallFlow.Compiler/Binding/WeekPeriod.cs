using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>Days as a bit set (bit 0 = Monday) and minutes since midnight, start inclusive, end exclusive.</summary>
public sealed record WeekPeriod(int Days, int StartMinute, int EndMinute);
