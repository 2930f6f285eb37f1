using System.Globalization;

namespace CallFlow.Mailbox;

/// <summary>
/// The text of the e-mails a mailbox's e-mail mode sends (reference §10.4, manual 3.5.3.2 "How Voicemail Email
/// Messages Look"): the subject <c>Voicemail Message ('calling number' &gt; 'user name') From:'calling number'</c>,
/// and for Copy and Forward the body "IP Office Voicemail redirected message" with the message attached.
/// </summary>
/// <remarks>
/// The manual writes the parts to fill in as quoted names ('calling number', 'user name'), as it writes other
/// placeholders ('local extension number'); the quotes are not part of the subject. A caller with no number is
/// "unknown". Alert's body is CallFlow's: the manual says only that it announces the message's details.
/// </remarks>
public static class VoicemailEmailText
{
    /// <summary>The body of Copy and Forward e-mails, word for word from the manual.</summary>
    public const string RedirectedBody = "IP Office Voicemail redirected message";

    /// <summary>Shown for a caller whose number is not known.</summary>
    public const string UnknownCaller = "unknown";

    /// <summary>The subject line.</summary>
    /// <example><c>Subject("01632960123", "Alice")</c> is <c>Voicemail Message (01632960123 &gt; Alice) From:01632960123</c>.</example>
    public static string Subject(string? callingNumber, string userName)
    {
        var caller = string.IsNullOrEmpty(callingNumber) ? UnknownCaller : callingNumber;
        return $"Voicemail Message ({caller} > {userName}) From:{caller}";
    }

    /// <summary>The body for <paramref name="mode"/>: the manual's sentence for Copy and Forward, the message's details for Alert.</summary>
    public static string Body(EmailKind mode, MessageInfo message, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(zone);
        if (mode != EmailKind.Alert)
            return RedirectedBody;
        var received = TimeZoneInfo.ConvertTime(message.ReceivedUtc, zone);
        var seconds = (int)Math.Round(message.Duration.TotalSeconds, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture,
            $"""
            New voicemail message for {message.Mailbox}.
            From: {(string.IsNullOrEmpty(message.CallerNumber) ? UnknownCaller : message.CallerNumber)}{(string.IsNullOrEmpty(message.CallerName) ? "" : $" ({message.CallerName})")}
            Received: {received:yyyy-MM-dd HH:mm:ss} ({zone.Id})
            Length: {seconds} {(seconds == 1 ? "second" : "seconds")}
            """).ReplaceLineEndings("\r\n");
    }
}
