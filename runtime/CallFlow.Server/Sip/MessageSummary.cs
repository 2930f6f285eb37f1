using System.Globalization;
using System.Text;
using CallFlow.Mailbox;

namespace CallFlow.Server.Sip;

/// <summary>
/// What a message-waiting NOTIFY says about a mailbox (RFC 3842 §3.5): the voice messages nobody has heard ("new"),
/// those heard and kept ("old"), and of each the ones marked urgent.
/// </summary>
/// <remarks>
/// The mapping from the store's states (docs/sip.md, "Message waiting"): new = New + Unopened, because an Unopened
/// message's content is unheard and keeps the lamp lit as the store's own <see cref="MessageCounts.Waiting"/> does;
/// old = Old + Saved, the messages a caller would still find in the mailbox. Deleted messages (waiting for
/// housekeeping) and those held back for a Forward-mode e-mail are not counted. Urgent is the Intuity priority flag.
/// </remarks>
/// <param name="New">Messages whose content is unheard (New and Unopened).</param>
/// <param name="Old">Messages heard and kept (Old and Saved).</param>
/// <param name="UrgentNew">Of <paramref name="New"/>, those with the priority flag.</param>
/// <param name="UrgentOld">Of <paramref name="Old"/>, those with the priority flag.</param>
internal sealed record MessageSummary(int New, int Old, int UrgentNew, int UrgentOld)
{
    /// <summary>The body's media type (RFC 3842 §3.5).</summary>
    public const string ContentType = "application/simple-message-summary";

    /// <summary>The event package (RFC 3842 §3.1).</summary>
    public const string EventPackage = "message-summary";

    /// <summary>An empty mailbox.</summary>
    public static MessageSummary Empty { get; } = new(0, 0, 0, 0);

    /// <summary>Whether the lamp is lit: some message is unheard.</summary>
    public bool MessagesWaiting => New > 0;

    /// <summary>The summary of a mailbox's counts, with the urgent counts found among its messages.</summary>
    public static MessageSummary From(MessageCounts counts, int urgentNew = 0, int urgentOld = 0) =>
        new(counts.New + counts.Unopened, counts.Old + counts.Saved, urgentNew, urgentOld);

    /// <summary>Two mailboxes shown on one lamp (a user's own and a hunt group's it watches).</summary>
    public static MessageSummary operator +(MessageSummary left, MessageSummary right) =>
        new(left.New + right.New, left.Old + right.Old, left.UrgentNew + right.UrgentNew, left.UrgentOld + right.UrgentOld);

    /// <summary>
    /// The application/simple-message-summary body: the status line, the account, and one voice-message line with the
    /// urgent counts in brackets, each line ending in CRLF (RFC 3842 §3.5).
    /// </summary>
    /// <example><code>new MessageSummary(2, 8, 0, 2).ToBody("sip:Alice@192.0.2.1") ==
    /// "Messages-Waiting: yes\r\nMessage-Account: sip:Alice@192.0.2.1\r\nVoice-Message: 2/8 (0/2)\r\n"</code></example>
    public string ToBody(string account)
    {
        var sb = new StringBuilder(96);
        sb.Append("Messages-Waiting: ").Append(MessagesWaiting ? "yes" : "no").Append("\r\n");
        sb.Append("Message-Account: ").Append(account).Append("\r\n");
        sb.Append(CultureInfo.InvariantCulture, $"Voice-Message: {New}/{Old} ({UrgentNew}/{UrgentOld})\r\n");
        return sb.ToString();
    }
}
