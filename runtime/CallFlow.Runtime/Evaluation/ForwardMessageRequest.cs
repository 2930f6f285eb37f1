using System.Collections.Immutable;

namespace CallFlow.Runtime.Evaluation;

/// <summary>FWD:201#202##: forward the message just recorded to each mailbox, in the order written.</summary>
/// <example><c>FWD:201#202##</c> gives mailboxes ["201", "202"].</example>
public sealed record ForwardMessageRequest(ImmutableArray<string> Mailboxes) : GenericCommandRequest
{
    /// <summary>Equal when the mailbox lists are equal item by item (an ImmutableArray alone compares by reference).</summary>
    public bool Equals(ForwardMessageRequest? other) =>
        other is not null && Mailboxes.AsSpan().SequenceEqual(other.Mailboxes.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var mailbox in Mailboxes)
            hash.Add(mailbox, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
