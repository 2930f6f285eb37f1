namespace CallFlow.Vmp;

public enum VmpPromptKind : byte
{
    /// <summary>A recorded .wav file under the prompts folder (the path may name variables).</summary>
    File = 1,
    /// <summary>A system prompt by name, in the call's prompt language.</summary>
    System = 2,
    /// <summary>Text to speech (may name variables).</summary>
    Speech = 3,
    /// <summary>A value read out digit by digit (literal or a variable).</summary>
    Digits = 4,
    /// <summary>The call's last recording ($).</summary>
    Recording = 5,
}
