namespace CallFlow.Runtime.Evaluation;

/// <summary>What became of a write to a call variable.</summary>
/// <example><c>if (variables.Set("$CP1", text) is SetVariableResult.ReadOnly) ...</c></example>
public enum SetVariableResult
{
    /// <summary>The value was stored as given.</summary>
    Stored,
    /// <summary>The value was longer than <see cref="CallVariables.MaxValueLength"/> characters; its start was stored.</summary>
    Truncated,
    /// <summary>Nothing was stored: a flow may not write this variable (e.g. $CLI_NAME, $DAY, $DBD0, $REG[name]).</summary>
    ReadOnly,
    /// <summary>Nothing was stored: no such variable ($CP16, $COUNTER0, a misspelt name).</summary>
    UnknownVariable,
}
