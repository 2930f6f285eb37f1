namespace CallFlow.Mailbox;

/// <summary>A message row together with where its audio lives.</summary>
internal sealed record StoredMessage(MessageInfo Message, string DirName, long AudioBytes, MessageState? StateBeforeDelete);
