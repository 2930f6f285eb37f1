using System.Reflection;
using System.Text.RegularExpressions;
using CallFlow.Configuration.Binding;

namespace CallFlow.Configuration.Tests;

/// <summary>docs/configuration.md stays true: its example loads cleanly, and every key and code is documented.</summary>
public sealed partial class DocsTests
{
    private static readonly string Doc = File.ReadAllText(RepositoryPaths.Combine("docs", "configuration.md"));

    [Fact]
    public void The_example_loads_with_no_diagnostics()
    {
        var example = ExampleBlock().Match(Doc);
        Assert.True(example.Success, "docs/configuration.md has no ```jsonc example under '## Example'");
        var result = ConfigurationLoader.Parse(example.Groups[1].Value, "docs/configuration.md");
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Every_key_is_documented()
    {
        var keys = new[] { ConfigKeys.Root, ConfigKeys.System, ConfigKeys.Categories, ConfigKeys.Breakout, ConfigKeys.CodeLockout, ConfigKeys.DiskAlarm, ConfigKeys.PbxAuth, ConfigKeys.User, ConfigKeys.Group, ConfigKeys.Server,
            ConfigKeys.Email, ConfigKeys.Sender, ConfigKeys.Receiver, ConfigKeys.Retry }
            .SelectMany(k => k).Distinct();
        Assert.All(keys, key => Assert.Contains($"`{key}`", Doc));
    }

    [Fact]
    public void Every_code_is_documented_once()
    {
        var codes = typeof(ConfigurationCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Single(Regex.Matches(Doc, $@"^\| `{code}` \|", RegexOptions.Multiline)));
    }

    [GeneratedRegex(@"## Example\s+```jsonc\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
