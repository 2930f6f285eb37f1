namespace CallFlow.Vmp;

/// <summary>
/// The root.vmp format's identity and versions, after ink's inkVersionCurrent / inkVersionMinimumCompatible.
/// On every change ask: can this reader still load files written before it? If not, raise MinimumCompatible.
/// The version history is in docs/vmp-format.md.
/// </summary>
public static class VmpFormat
{
    /// <summary>"CFVM" in file order.</summary>
    public static ReadOnlySpan<byte> Magic => "CFVM"u8;

    /// <summary>The version this code writes.</summary>
    public const ushort Current = 1;

    /// <summary>The oldest version this code reads.</summary>
    public const ushort MinimumCompatible = 1;

    /// <summary>magic 4, version 2, flags 2, SHA-256 32, section count 4, file length 4.</summary>
    public const int HeaderSize = 48;

    /// <summary>kind 4, offset 4, length 4.</summary>
    public const int SectionEntrySize = 12;

    /// <summary>Opcode 2, flags 2, A 4, B 4, C 4: instructions and condition nodes share this shape.</summary>
    public const int NodeSize = 16;

    /// <summary>A file bigger than this is refused before it is read: no call flow needs 64 MiB of bytecode.</summary>
    public const int MaxFileSize = 64 * 1024 * 1024;
}
