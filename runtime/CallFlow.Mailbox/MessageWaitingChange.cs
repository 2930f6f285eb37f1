namespace CallFlow.Mailbox;

/// <summary>A counted change, numbered in commit order so that a late delivery cannot overwrite a newer one.</summary>
internal readonly record struct MessageWaitingChange(string Mailbox, MessageCounts Counts, long Sequence);
