using System.Text;
using CallFlow.Compiler.Text;

namespace CallFlow.Cli;

/// <summary>
/// Turns the paths on the command line into sources: files as given, folders searched recursively for *.vflow.
/// Paths are shown relative to the working directory with '/' separators, so output is the same on every machine.
/// </summary>
public static class SourceLoader
{
    /// <summary>No call flow is this big; refusing early keeps a stray binary from eating memory.</summary>
    public const long MaxFileBytes = 32 * 1024 * 1024;

    /// <summary>Loads the sources, or reports why not on the error writer and returns null (the command then exits 2).</summary>
    public static List<SourceText>? LoadOrReport(IEnumerable<string> paths, IOContext io)
    {
        var (sources, errors) = Load(paths, io.WorkingDirectory);
        foreach (var error in errors)
            io.Error.WriteLine($"vmc: error: {error}");
        return errors.Count == 0 ? sources : null;
    }

    public static (List<SourceText> Sources, List<string> Errors) Load(IEnumerable<string> paths, string workingDirectory)
    {
        var sources = new List<SourceText>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path, workingDirectory);
            if (Directory.Exists(full))
            {
                var files = Directory.EnumerateFiles(full, "*.vflow", SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                    errors.Add($"no .vflow files found in '{path}'");
                foreach (var file in files)
                    Add(file);
            }
            else if (File.Exists(full))
            {
                Add(full);
            }
            else
            {
                errors.Add($"'{path}' does not exist");
            }
        }
        return (sources, errors);

        void Add(string file)
        {
            if (!seen.Add(file))
                return;
            var display = Path.GetRelativePath(workingDirectory, file).Replace('\\', '/');
            try
            {
                var info = new FileInfo(file);
                if (info.Length > MaxFileBytes)
                {
                    errors.Add($"'{display}' is {info.Length} bytes; .vflow files are limited to {MaxFileBytes} bytes");
                    return;
                }
                var text = File.ReadAllText(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false));
                sources.Add(new SourceText(display, text));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"cannot read '{display}': {e.Message}");
            }
        }
    }
}
