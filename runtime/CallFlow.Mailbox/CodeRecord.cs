namespace CallFlow.Mailbox;

/// <summary>A mailbox's stored code, read at the start of a code check.</summary>
internal sealed record CodeRecord(byte[] Hash, byte[] Salt, int Iterations);
