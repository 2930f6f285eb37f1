using CallFlow.Email.Tests.Support;
using CallFlow.Mailbox;

namespace CallFlow.Email.Tests;

/// <summary>What a server starts from its configuration: the worker's loop, the receiver, the eMail handler.</summary>
public sealed class EmailServiceTests
{
    [Fact]
    public async Task A_configured_server_sends_its_outbox_to_its_own_receiver_in_the_background()
    {
        var port = FreePort.Next();
        await using var site = new EmailHarness($$"""
            { "senders": [ { "domains": ["vm.acme.example"], "host": "127.0.0.1", "port": {{port}} } ],
              "receiver": { "enabled": true, "port": {{port}} } }
            """, users: """ "users": [ { "name": "Alice", "extension": "201", "email": "Extn202@vm.acme.example", "email_mode": "copy" }, { "name": "Bob", "extension": "202" } ] """);
        await using var service = EmailService.Start(site.Configuration, site.Store, site.PromptDirectory, TimeProvider.System);
        Assert.NotNull(service.RequestHandler);
        Assert.Equal(port, service.Receiver!.Port);

        site.Leave("Alice", seconds: 3);

        // The receiver stores the copy before its "250"; the worker records "sent" after it.
        Assert.True(await EmailHarness.EventuallyAsync(async () => (await site.Store.GetCountsAsync("Bob")).New == 1
            && (await site.Store.ListEmailsAsync()).Single().State == OutboxState.Sent, TimeSpan.FromSeconds(15)),
            "the copy never reached Bob: " + string.Join("\n", site.LogLines));
        Assert.Equal(1, service.Worker!.Sent);
    }

    [Fact]
    public async Task The_modes_apply_only_when_the_host_sends_and_a_sender_is_configured()
    {
        await using var site = new EmailHarness(EmailHarness.EmailSection(FreePort.Next()));
        Assert.Equal(CallFlow.Configuration.EmailMode.Forward, CallFlow.Runtime.Hosting.Mailboxes.MailboxPolicyFactory.Create(site.Configuration, sendsEmail: true).Mailboxes["Carol"].EmailMode);
        Assert.Equal(CallFlow.Configuration.EmailMode.Off, CallFlow.Runtime.Hosting.Mailboxes.MailboxPolicyFactory.Create(site.Configuration).Mailboxes["Carol"].EmailMode);
        await using var silent = new EmailHarness(null);
        Assert.All(silent.Policy.Mailboxes.Values, owner => Assert.Equal(CallFlow.Configuration.EmailMode.Off, owner.EmailMode));
        var (transcript, _) = silent.Leave("Carol");
        Assert.Contains("message waiting: Carol has 1 new", transcript);
        Assert.Empty(await silent.Store.ListEmailsAsync());
    }

    [Fact]
    public async Task Without_senders_or_receiver_nothing_runs()
    {
        await using var site = new EmailHarness(null, users: """ "users": [ { "name": "Bob" } ] """);
        await using var service = EmailService.Start(site.Configuration, site.Store, site.PromptDirectory, TimeProvider.System);
        Assert.Null(service.Worker);
        Assert.Null(service.Receiver);
        Assert.Null(service.RequestHandler);
    }
}
