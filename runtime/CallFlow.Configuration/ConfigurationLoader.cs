using System.Text;
using CallFlow.Configuration.Binding;
using CallFlow.Configuration.Json;

namespace CallFlow.Configuration;

/// <summary>
/// Reads <c>callflow.json</c> (docs/configuration.md): JSON with comments and trailing commas allowed. Never throws
/// for bad input: every problem becomes a <see cref="ConfigurationDiagnostic"/> with its line, column and key path,
/// and all of them are reported at once (a JSON syntax error stops the read, since nothing after it can be trusted).
/// </summary>
/// <example><code>
/// var result = ConfigurationLoader.Load("callflow.json");
/// foreach (var diagnostic in result.Diagnostics) Console.Error.WriteLine(diagnostic);
/// var config = result.Configuration ?? throw new InvalidOperationException("fix the configuration first");
/// </code></example>
public static class ConfigurationLoader
{
    /// <summary>The file name looked for when none is given.</summary>
    public const string DefaultFileName = "callflow.json";

    /// <summary>Larger files are refused unread; a configuration of thousands of users is a few hundred kilobytes.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>Every setting at its default (Intuity mode), with no users and no groups: what an absent file means.</summary>
    public static CallFlowConfiguration Defaults { get; } = new(SystemPreferences.For(TelephonyInterface.Intuity), [], []);

    /// <summary>Reads and checks the file at <paramref name="path"/>. A missing or unreadable file is an error diagnostic.</summary>
    public static ConfigurationResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var sink = new DiagnosticSink(path, null);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path))
                return Fail($"'{path}' is a folder; give the configuration file itself", $"e.g. {Path.Combine(path, DefaultFileName)}");
            if (!info.Exists)
                return Fail($"the configuration file '{path}' does not exist", "without a configuration file, every setting has its default and there are no users");
            if (info.Length > MaxFileBytes)
                return Fail($"the file is {info.Length} bytes; a configuration is limited to {MaxFileBytes} bytes", null);
            text = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail($"cannot read the configuration file: {e.Message}", null);
        }
        return Parse(text, path);

        ConfigurationResult Fail(string message, string? hint)
        {
            sink.Error(0, "", ConfigurationCodes.Unreadable, message, hint);
            return new ConfigurationResult(null, sink.ToImmutable());
        }
    }

    /// <summary>
    /// Checks configuration text. <paramref name="path"/> names the file in diagnostics, and its folder is where a
    /// relative <c>data_directory</c> resolves from.
    /// </summary>
    public static ConfigurationResult Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        // A byte order mark is not part of the JSON; File.ReadAllText drops it, a caller's string may not.
        var utf8 = Encoding.UTF8.GetBytes(text.StartsWith('\uFEFF') ? text[1..] : text);
        var lines = new LineMap(utf8);
        var sink = new DiagnosticSink(path, lines);
        var stringProblems = new List<(int Offset, string Message)>();
        var root = ConfigJsonReader.Read(utf8, lines, stringProblems, out var syntaxError);
        if (root is null)
        {
            var (offset, message) = syntaxError!.Value;
            sink.Error(offset, "", ConfigurationCodes.Syntax, message, message == ConfigJsonReader.NoValue
                ? "write {} for every default"
                : "comments (// and /* */) and trailing commas are allowed; everything else is plain JSON");
            return new ConfigurationResult(null, sink.ToImmutable());
        }
        foreach (var (offset, message) in stringProblems)
            sink.Error(offset, "", ConfigurationCodes.InvalidValue, message);

        var configuration = new ConfigurationBinder(sink).Bind(root);
        return new ConfigurationResult(configuration is null ? null : configuration with { BaseDirectory = BaseDirectoryOf(path) }, sink.ToImmutable());
    }

    private static string? BaseDirectoryOf(string path)
    {
        try
        {
            return Path.GetDirectoryName(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }
}
