namespace CallFlow.Vmp;

/// <summary>
/// Condition nodes, in postfix order: an operator pops its operands' results. A condition is true when its
/// last node leaves true. (Voicemail Pro's Conditions Editor elements: Week Planner, Calendar, Compare, Condition.)
/// </summary>
public enum ConditionOp : ushort
{
    /// <summary>Pushes true.</summary>
    True = 1,
    /// <summary>Pushes false.</summary>
    False = 2,
    /// <summary>Pops one result, pushes its negation.</summary>
    Not = 3,
    /// <summary>Pops two results, pushes both.</summary>
    And = 4,
    /// <summary>Pops two results, pushes either.</summary>
    Or = 5,
    /// <summary>A: left value, B: right value, C: CompareOperator. Numeric when both sides read as numbers, else ordinal text.</summary>
    Compare = 6,
    /// <summary>A: first WeekPeriod value, B: count. True when the call's local time is inside any period.</summary>
    Weekly = 7,
    /// <summary>A: first DateRange value, B: count. True when the call's local date is inside any range.</summary>
    Calendar = 8,
    /// <summary>A: condition index. Pushes that condition's result.</summary>
    Reference = 9,
}
