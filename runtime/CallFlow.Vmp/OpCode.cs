namespace CallFlow.Vmp;

/// <summary>
/// The instructions of a flow. Every instruction is 16 bytes: opcode, flags, and operands A, B, C
/// (see docs/vmp-format.md, which a test keeps in step with this enum). A retired opcode stays as a
/// "reserved" comment and its number is never reused.
/// </summary>
public enum OpCode : ushort
{
    /// <summary>A: target pc. Continues at A.</summary>
    Jump = 0x01,

    /// <summary>A: first prompt, B: prompt count. Yields Play(prompts); the caller may barge in. Entry prompts of an action.</summary>
    Play = 0x02,

    /// <summary>A: value index of the PIN (digits, "$" = the mailbox code, or a variable). Yields CollectPin; a wrong PIN ends the call.</summary>
    CheckPin = 0x03,

    /// <summary>A: action kind (ActionKinds table), B: settings record, C: result table. Runs the action; yields its request and continues at the result's target.</summary>
    Action = 0x04,

    /// <summary>A: condition index, C: result table (True, False). Evaluates the condition on the call's clock and variables.</summary>
    Test = 0x05,

    /// <summary>A: flow index of the module, C: result table (one entry per Module Return exit). Pushes a frame and enters the module.</summary>
    Call = 0x06,

    /// <summary>A: string index of the exit name. Pops the module frame and continues at the caller's result for that exit.</summary>
    Return = 0x07,

    /// <summary>A: flow index. Continues at the entry of another start point or module (no frame is pushed).</summary>
    Goto = 0x08,

    /// <summary>Continues at the entry of the start point at which the call entered voicemail.</summary>
    Home = 0x09,

    /// <summary>Ends the call; in Queued and Still Queued flows returns the caller to the queue.</summary>
    Disconnect = 0x0A,

    /// <summary>A: settings record. Start action options (Complete Sequence); applies for the rest of the call, then continues at pc+1.</summary>
    StartOptions = 0x0B,
}
