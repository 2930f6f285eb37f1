using CallFlow.Mailbox.Tests.Support;
using CsCheck;

namespace CallFlow.Mailbox.Tests;

public sealed class MailboxNameTests : IAsyncLifetime
{
    private readonly StoreHarness _h = new();

    public static TheoryData<string> UnsafeNames => new()
    {
        "../../etc",
        "..",
        ".",
        "a/b",
        "a\\b",
        "/etc/passwd",
        "C:\\Windows",
        "CON",
        "con",
        "NUL",
        "COM1.txt",
        "LPT9",
        "a\0b",
        "\0",
        "~",
        "%2E%2E",
        "   leading spaces",
        "tab\tand\nnewline",
        "Zoë Ångström",
        "東京営業部",
        "🎧 headset",
        new string('x', 10_000),
        new string('/', 300) + "..",
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    [Theory]
    [MemberData(nameof(UnsafeNames))]
    public async Task Every_name_stays_inside_the_data_directory(string name)
    {
        var mailbox = await _h.Store.EnsureMailboxAsync(name);
        Assert.Equal(name.TrimEnd(' '), mailbox.Name);
        Assert.Equal(mailbox, await _h.Store.GetMailboxAsync(name));

        var m = await TestAudio.RecordAsync(_h.Store, name, TestAudio.Seconds(1));
        await _h.Store.SaveGreetingAsync(name, GreetingSlots.Standard, TestAudio.Seconds(1));
        using var playback = (await _h.Store.OpenPlaybackAsync(m.Id))!;
        var greeting = (await _h.Store.GetGreetingPathAsync(name, GreetingSlots.Standard))!;

        AssertDirectlyInside(Path.Combine(_h.DataDirectory, "messages"), Path.GetDirectoryName(playback.AudioPath)!);
        AssertDirectlyInside(Path.Combine(_h.DataDirectory, "greetings"), Path.GetDirectoryName(greeting)!);
        Assert.Equal(name.TrimEnd(' '), playback.Message.Mailbox);
        // Nothing appeared anywhere but under the data directory's own folders.
        Assert.All(_h.AudioFiles(), path => Assert.Matches("^(messages|greetings)/[A-Za-z0-9_%~-]+/[a-z0-9-]+\\.wav$", path));
    }

    [Fact]
    public async Task Names_are_case_sensitive_and_get_separate_directories()
    {
        await _h.Store.EnsureMailboxAsync("Sales");
        await _h.Store.EnsureMailboxAsync("sales");
        await TestAudio.RecordAsync(_h.Store, "Sales", TestAudio.Seconds(1));
        Assert.Equal(1, (await _h.Store.GetCountsAsync("Sales")).New);
        Assert.Equal(0, (await _h.Store.GetCountsAsync("sales")).New);
        // Distinct even on a case-insensitive file system: the names differ beyond letter case.
        var dirs = Directory.GetDirectories(_h.MessagesDirectory).Select(Path.GetFileName).ToList();
        Assert.Equal(2, dirs.Select(d => d!.ToUpperInvariant()).Distinct().Count());
    }

    [Fact]
    public async Task Trailing_spaces_are_dropped_but_leading_spaces_are_kept()
    {
        await _h.Store.EnsureMailboxAsync("Sales   ");
        Assert.Equal("Sales", (await _h.Store.GetMailboxAsync("Sales"))!.Name);
        Assert.NotNull(await TestAudio.RecordAsync(_h.Store, "Sales ", TestAudio.Seconds(1)));
        Assert.Null(await _h.Store.GetMailboxAsync(" Sales"));
        Assert.Single(await _h.Store.ListMailboxesAsync());
    }

    [Fact]
    public void Empty_and_invalid_names_are_refused()
    {
        // Built at run time: attribute arguments are stored as UTF-8 and would turn a lone surrogate into U+FFFD.
        string[] names = ["", "   ", new string('\ud800', 1), "a" + '\udc00' + "b", "ok" + '\ud83c'];
        Assert.All(names, name => Assert.Throws<ArgumentException>(() => MailboxName.Normalize(name)));
        Assert.Equal("\ud83c\udfa7", MailboxName.Normalize("\ud83c\udfa7")); // a proper pair is fine
    }

    [Fact]
    public void Over_long_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MailboxName.Normalize(new string('a', MailboxName.MaxLength + 1)));
    }

    [Fact]
    public void Any_name_maps_to_one_plain_segment()
    {
        Gen.String[Gen.Char, 1, 200].Where(s => s.TrimEnd(' ').Length > 0 && !HasLoneSurrogate(s)).Sample(name =>
        {
            var dir = SafeFileName.ForMailbox(MailboxName.Normalize(name));
            Assert.True(SafeFileName.IsSafeSegment(dir), dir);
            Assert.True(dir.Length <= SafeFileName.MaxPrefix + 17, dir);
            Assert.DoesNotContain("..", dir);
            var parent = Path.GetFullPath("/srv/data/messages");
            Assert.Equal(parent, Path.GetDirectoryName(Path.GetFullPath(Path.Combine(parent, dir))));
        });
    }

    [Fact]
    public void Different_names_map_to_different_directories()
    {
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 60], Gen.String[Gen.Char.AlphaNumeric, 1, 60]).Sample((a, b) =>
        {
            if (a != b)
                Assert.NotEqual(SafeFileName.ForMailbox(a).ToUpperInvariant(), SafeFileName.ForMailbox(b).ToUpperInvariant());
        });
    }

    [Fact]
    public void The_directory_name_is_readable_for_plain_names()
    {
        Assert.StartsWith("Sales~", SafeFileName.ForMailbox("Sales"));
        Assert.StartsWith("%2E%2E%2F%2E%2E%2Fetc~", SafeFileName.ForMailbox("../../etc"));
        Assert.StartsWith("CON~", SafeFileName.ForMailbox("CON"));
    }

    private static void AssertDirectlyInside(string parent, string directory) =>
        Assert.Equal(Path.GetFullPath(parent), Path.GetDirectoryName(Path.GetFullPath(directory)));

    private static bool HasLoneSurrogate(string s)
    {
        try
        {
            MailboxName.Normalize(s.TrimEnd(' ').Length == 0 ? "x" : s);
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
