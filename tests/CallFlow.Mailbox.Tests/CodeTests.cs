using CallFlow.Mailbox.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CallFlow.Mailbox.Tests;

public sealed class CodeTests : IAsyncLifetime
{
    private readonly StoreHarness _h = new(o => o with { MaxFailedCodeAttempts = 3, CodeLockoutDuration = TimeSpan.FromMinutes(10) });

    public async Task InitializeAsync()
    {
        await _h.Store.EnsureMailboxAsync("Erin");
        await _h.Store.SetCodeAsync("Erin", "2580");
    }

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    [Fact]
    public async Task The_right_code_is_accepted_and_a_wrong_one_counted()
    {
        Assert.True((await _h.Store.VerifyCodeAsync("Erin", "2580")).IsAccepted);
        Assert.Equal(new CodeVerification(CodeVerificationStatus.Rejected, 1, null), await _h.Store.VerifyCodeAsync("Erin", "2581"));
        Assert.Equal(new CodeVerification(CodeVerificationStatus.Rejected, 2, null), await _h.Store.VerifyCodeAsync("Erin", "258"));
        Assert.Equal(2, (await _h.Store.GetMailboxAsync("Erin"))!.FailedCodeAttempts);
        Assert.Equal(new CodeVerification(CodeVerificationStatus.Accepted, 0, null), await _h.Store.VerifyCodeAsync("Erin", "2580"));
        Assert.Equal(0, (await _h.Store.GetMailboxAsync("Erin"))!.FailedCodeAttempts);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_mailbox_until_the_lockout_ends()
    {
        await _h.Store.VerifyCodeAsync("Erin", "1");
        await _h.Store.VerifyCodeAsync("Erin", "2");
        var third = await _h.Store.VerifyCodeAsync("Erin", "3");
        var until = FakeClock.Epoch + TimeSpan.FromMinutes(10);
        Assert.Equal(new CodeVerification(CodeVerificationStatus.Rejected, 3, until), third);

        _h.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(new CodeVerification(CodeVerificationStatus.LockedOut, 3, until), await _h.Store.VerifyCodeAsync("Erin", "2580"));
        Assert.Equal(until, (await _h.Store.GetMailboxAsync("Erin"))!.LockedUntilUtc);

        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new CodeVerification(CodeVerificationStatus.Rejected, 1, null), await _h.Store.VerifyCodeAsync("Erin", "0000"));
        Assert.True((await _h.Store.VerifyCodeAsync("Erin", "2580")).IsAccepted);
    }

    [Fact]
    public async Task Parallel_guesses_get_no_more_tries_than_allowed()
    {
        await using var h = new StoreHarness(o => o with { MaxFailedCodeAttempts = 3, CodeHashIterations = 50_000 });
        await h.Store.EnsureMailboxAsync("Erin");
        await h.Store.SetCodeAsync("Erin", "2580");
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => h.Store.VerifyCodeAsync("Erin", $"9{i:D3}"))));
        Assert.True(results.Count(r => r.Status == CodeVerificationStatus.Rejected) <= 3);
        Assert.Equal(20, results.Count(r => r.Status is CodeVerificationStatus.Rejected or CodeVerificationStatus.LockedOut));
        Assert.Equal(CodeVerificationStatus.LockedOut, (await h.Store.VerifyCodeAsync("Erin", "2580")).Status);
    }

    [Fact]
    public async Task Setting_a_code_ends_a_lockout()
    {
        for (var i = 0; i < 3; i++)
            await _h.Store.VerifyCodeAsync("Erin", "0");
        await _h.Store.SetCodeAsync("Erin", "7777");
        var mailbox = await _h.Store.GetMailboxAsync("Erin");
        Assert.Equal((0, (DateTimeOffset?)null), (mailbox!.FailedCodeAttempts, mailbox.LockedUntilUtc));
        Assert.True((await _h.Store.VerifyCodeAsync("Erin", "7777")).IsAccepted);
        Assert.False((await _h.Store.VerifyCodeAsync("Erin", "2580")).IsAccepted);
    }

    [Fact]
    public async Task Without_a_code_remote_access_is_not_configured()
    {
        await _h.Store.EnsureMailboxAsync("Frank");
        Assert.False((await _h.Store.GetMailboxAsync("Frank"))!.HasCode);
        Assert.Equal(CodeVerificationStatus.NoCode, (await _h.Store.VerifyCodeAsync("Frank", "")).Status);
        await _h.Store.SetCodeAsync("Erin", null);
        Assert.Equal(CodeVerificationStatus.NoCode, (await _h.Store.VerifyCodeAsync("Erin", "2580")).Status);
        Assert.Equal(CodeVerificationStatus.UnknownMailbox, (await _h.Store.VerifyCodeAsync("Nobody", "1")).Status);
        await Assert.ThrowsAsync<MailboxNotFoundException>(() => _h.Store.SetCodeAsync("Nobody", "1"));
    }

    [Fact]
    public async Task Codes_are_stored_salted_and_hashed()
    {
        await _h.Store.EnsureMailboxAsync("Frank");
        await _h.Store.SetCodeAsync("Frank", "2580");
        var rows = ReadCodeRows();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(32, row.Hash.Length);
            Assert.Equal(16, row.Salt.Length);
            Assert.Equal(1_000, row.Iterations);
        });
        Assert.NotEqual(rows[0].Salt, rows[1].Salt);
        Assert.NotEqual(rows[0].Hash, rows[1].Hash); // same code, different salt
        var raw = File.ReadAllBytes(Path.Combine(_h.DataDirectory, "mailbox.db"))
            .Concat(File.Exists(Path.Combine(_h.DataDirectory, "mailbox.db-wal")) ? File.ReadAllBytes(Path.Combine(_h.DataDirectory, "mailbox.db-wal")) : [])
            .ToArray();
        Assert.DoesNotContain("2580", System.Text.Encoding.ASCII.GetString(raw));
    }

    [Fact]
    public async Task Raising_the_iterations_rehashes_at_the_next_success()
    {
        await using var h = new StoreHarness();
        await h.Store.EnsureMailboxAsync("Erin");
        await h.Store.SetCodeAsync("Erin", "2580");
        var reopened = SqliteMailboxStoreWithIterations(h, 2_000);
        Assert.True((await reopened.VerifyCodeAsync("Erin", "2580")).IsAccepted);
        Assert.True((await reopened.VerifyCodeAsync("Erin", "2580")).IsAccepted);
        Assert.False((await reopened.VerifyCodeAsync("Erin", "2581")).IsAccepted);
        reopened.Dispose();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(h.DataDirectory, "mailbox.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT code_iterations FROM mailboxes";
        Assert.Equal(2_000L, command.ExecuteScalar());
    }

    private static SqliteMailboxStore SqliteMailboxStoreWithIterations(StoreHarness h, int iterations)
    {
        h.Store.Dispose();
        return SqliteMailboxStore.Open(h.DataDirectory, h.Options with { CodeHashIterations = iterations });
    }

    private List<(byte[] Hash, byte[] Salt, long Iterations)> ReadCodeRows()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_h.DataDirectory, "mailbox.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT code_hash, code_salt, code_iterations FROM mailboxes ORDER BY name";
        using var reader = command.ExecuteReader();
        var rows = new List<(byte[], byte[], long)>();
        while (reader.Read())
            rows.Add(((byte[])reader[0], (byte[])reader[1], reader.GetInt64(2)));
        return rows;
    }
}
