namespace CallFlow.Runtime.Evaluation;

/// <summary>Which store a variable name refers to.</summary>
internal enum VariableFamily
{
    /// <summary>Not a variable Voicemail Pro knows: reads as "", cannot be written.</summary>
    Unknown,
    /// <summary>A named call variable such as $CLI or $KEY.</summary>
    Named,
    /// <summary>$CP0..$CP15 ($CP[n]).</summary>
    Register,
    /// <summary>$COUNTER1..$COUNTER15 ($COUNTER[n]).</summary>
    Counter,
    /// <summary>$DBD0..$DBD5 ($DBD[n]).</summary>
    DatabaseField,
    /// <summary>$REG[name]: a user variable, shared by every call.</summary>
    User,
}
