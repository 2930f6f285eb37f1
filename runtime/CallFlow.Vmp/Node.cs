namespace CallFlow.Vmp;

/// <summary>One 16-byte instruction or condition node: an operation code, flags and three operands.</summary>
public readonly record struct Node(ushort Op, ushort Flags, int A, int B, int C)
{
    public OpCode OpCode => (OpCode)Op;

    public static Node Instruction(OpCode op, int a = 0, int b = 0, int c = 0) => new((ushort)op, 0, a, b, c);
}
