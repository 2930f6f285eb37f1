using CallFlow.Mailbox;
using CallFlow.Server.Sip;
using CallFlow.Sip;

namespace CallFlow.Server.Tests;

/// <summary>The application/simple-message-summary body (RFC 3842 §3.5) and how the store's states map onto it.</summary>
public sealed class MessageWaitingBodyTests
{
    [Fact]
    public void The_body_has_the_status_the_account_and_the_voice_counts_with_the_urgent_ones_each_line_ending_in_CRLF()
    {
        Assert.Equal("Messages-Waiting: yes\r\nMessage-Account: sip:Alice@192.0.2.1\r\nVoice-Message: 2/8 (0/2)\r\n",
            new MessageSummary(2, 8, 0, 2).ToBody("sip:Alice@192.0.2.1"));
    }

    [Fact]
    public void Only_unheard_messages_light_the_lamp()
    {
        Assert.StartsWith("Messages-Waiting: no\r\n", new MessageSummary(0, 5, 0, 1).ToBody("sip:a@b"));
        Assert.False(MessageSummary.Empty.MessagesWaiting);
        Assert.True(new MessageSummary(1, 0, 0, 0).MessagesWaiting);
    }

    [Fact]
    public void New_is_New_plus_Unopened_old_is_Old_plus_Saved_and_deleted_messages_are_not_counted()
    {
        var summary = MessageSummary.From(new MessageCounts(New: 1, Unopened: 2, Old: 4, Saved: 8, Deleted: 16), urgentNew: 1, urgentOld: 3);
        Assert.Equal(new MessageSummary(3, 12, 1, 3), summary);
        // The lamp agrees with the store's own notion of waiting.
        Assert.Equal(new MessageCounts(0, 1, 0, 0, 0).Waiting > 0, MessageSummary.From(new MessageCounts(0, 1, 0, 0, 0)).MessagesWaiting);
    }

    [Fact]
    public void A_lamp_that_shows_a_group_adds_its_counts()
    {
        Assert.Equal(new MessageSummary(3, 5, 1, 2), new MessageSummary(1, 2, 0, 1) + new MessageSummary(2, 3, 1, 1));
    }

    [Fact]
    public void The_account_is_a_SIP_URI_with_the_mailbox_name_escaped()
    {
        var account = SipUri.Create("Sales Team", "192.0.2.1", 5062).ToString();
        Assert.Equal("sip:Sales%20Team@192.0.2.1:5062", account);
        Assert.Contains("Message-Account: sip:Sales%20Team@192.0.2.1:5062\r\n", new MessageSummary(0, 0, 0, 0).ToBody(account));
    }
}
