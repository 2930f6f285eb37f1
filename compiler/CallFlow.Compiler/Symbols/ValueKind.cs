namespace CallFlow.Compiler.Symbols;

/// <summary>What a setting accepts. The binder checks each written value against it.</summary>
public enum ValueKind
{
    /// <summary>A string; may hold call variables ("Hello $CLI").</summary>
    Text,
    /// <summary>A whole number in the setting's range.</summary>
    Integer,
    /// <summary>A duration: 500ms, 5s, 2m, 1h (a bare number means seconds).</summary>
    Duration,
    /// <summary>true, false, yes, no, on, off.</summary>
    Boolean,
    /// <summary>One of the setting's named values, or a call variable holding one.</summary>
    Enum,
    /// <summary>caller (the presumed user's mailbox), "Name", or a call variable.</summary>
    Mailbox,
    /// <summary>"file.wav", system(name), tts("text"), digits(value), or a call variable spoken as digits.</summary>
    Prompt,
    /// <summary>A recorded .wav file path (may hold variables); for e-mail attachments also $, the call's last recording.</summary>
    WaveFile,
    /// <summary>A prompt language code (en, enu, fr, frc, ...) or a call variable.</summary>
    Language,
    /// <summary>A PIN: digits, $ (the mailbox's voicemail code) or a call variable.</summary>
    Pin,
    /// <summary>A telephone number, extension or short code ("201", "*88"), or a call variable.</summary>
    Number,
    /// <summary>hh:mm, or a call variable.</summary>
    TimeOfDay,
    /// <summary>Mon..Sun or today.</summary>
    Weekday,
    /// <summary>The name of a condition declared with 'condition'.</summary>
    ConditionName,
    /// <summary>The name of a user variable declared with 'uservar'.</summary>
    UserVariableName,
    /// <summary>A call variable such as $KEY or $CP3.</summary>
    Variable,
    /// <summary>The name of a module.</summary>
    ModuleName,
    /// <summary>A module name, or a start point written as its VM address ("Default.Leave", "Extn201.Collect").</summary>
    FlowTarget,
    /// <summary>A bare name (a Module Return exit name).</summary>
    Identifier,
    /// <summary>A generic command string (CPx:, COUNTERn:, EVAL:, STRING: ...), at most 128 characters.</summary>
    Command,
    /// <summary>An e-mail address (may hold call variables).</summary>
    Email,
}
