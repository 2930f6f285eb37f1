namespace CallFlow.Configuration.Binding;

/// <summary>A mailbox name used somewhere (a group member, an H source number), checked once every mailbox is known.</summary>
internal sealed record NameReference(string Name, int Offset, string Path);
