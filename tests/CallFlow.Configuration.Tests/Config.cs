namespace CallFlow.Configuration.Tests;

/// <summary>Parses configuration text in tests and asserts on its diagnostics.</summary>
internal static class Config
{
    public const string File = "test/callflow.json";

    public static ConfigurationResult Parse(string json) => ConfigurationLoader.Parse(json, File);

    /// <summary>Parses and returns the configuration, failing with every diagnostic when there is an error.</summary>
    public static CallFlowConfiguration Valid(string json)
    {
        var result = Parse(json);
        Assert.True(result.Configuration is not null, "expected no errors, got:\n" + string.Join("\n", result.Diagnostics));
        return result.Configuration!;
    }

    /// <summary>Parses text that must give exactly one diagnostic, an error, and returns it.</summary>
    public static ConfigurationDiagnostic SingleError(string json)
    {
        var result = Parse(json);
        Assert.Null(result.Configuration);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.True(diagnostic.IsError, diagnostic.ToString());
        return diagnostic;
    }

    /// <summary>The one diagnostic of <paramref name="json"/>, which must have <paramref name="code"/> and <paramref name="path"/>.</summary>
    public static ConfigurationDiagnostic Error(string json, string code, string path)
    {
        var diagnostic = SingleError(json);
        Assert.True(code == diagnostic.Code && path == diagnostic.Path, $"expected {code} at {path}, got: {diagnostic}");
        return diagnostic;
    }

    /// <summary>A system section with one setting.</summary>
    public static string System(string body) => "{ \"system\": { " + body + " } }";

    /// <summary>A users list with one user.</summary>
    public static string User(string body) => "{ \"users\": [ { " + body + " } ] }";
}
