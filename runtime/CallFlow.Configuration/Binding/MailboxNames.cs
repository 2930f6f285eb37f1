namespace CallFlow.Configuration.Binding;

/// <summary>
/// The mailbox store's name rule (reference §7.1; <c>CallFlow.Mailbox.MailboxName.Normalize</c>): case-sensitive,
/// trailing spaces dropped. Repeated here so that configuration does not depend on the store.
/// </summary>
internal static class MailboxNames
{
    public static string Normalize(string name) => name.TrimEnd(' ');
}
