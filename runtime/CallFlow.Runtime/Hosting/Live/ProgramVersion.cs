namespace CallFlow.Runtime.Hosting.Live;

/// <summary>One published root.vmp: its sequence number (1, 2, 3 ... in publishing order), file and content hash.</summary>
public sealed record ProgramVersion(int Number, string FileName, string Sha256)
{
    /// <summary>"v3 (1a2b3c4d)".</summary>
    public override string ToString() => $"v{Number} ({Sha256[..8]})";
}
