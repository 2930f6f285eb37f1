using System.CommandLine;
using System.Globalization;
using CallFlow.Compiler;
using CallFlow.Vmp;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc compile &lt;files or folders&gt;... -o root.vmp [--listing] [--format text|json]</c>. Reports diagnostics as
/// check does; writes root.vmp only when there are no errors, atomically (a temporary file renamed over the old
/// one), so an existing root.vmp is never left half-written or replaced by a failed compile.
/// </summary>
public sealed class CompileCommand(IOContext io)
{
    public static Command Create(IOContext io)
    {
        var paths = new Argument<string[]>("paths") { Description = ".vflow files, or folders searched for them; all together form one root.vmp", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "the root.vmp file to write", DefaultValueFactory = _ => "root.vmp" };
        var listing = new Option<bool>("--listing") { Description = "also write the disassembly beside it (root.vmp -> root.lst)" };
        var format = new Option<string>("--format") { Description = "diagnostics format: text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("compile", "Compile call flows into root.vmp") { paths, output, listing, format };
        command.SetAction(parseResult => new CompileCommand(io).Run(new CompileArguments(
            parseResult.GetValue(paths)!, parseResult.GetValue(output)!, parseResult.GetValue(listing), parseResult.GetValue(format)!)));
        return command;
    }

    public int Run(CompileArguments arguments)
    {
        if (SourceLoader.LoadOrReport(arguments.Paths, io) is not { } sources)
            return ExitCodes.UsageOrIo;

        var compilation = Compilation.Create(sources);
        var program = compilation.EmitProgram();
        if (program is null)
        {
            DiagnosticsOutput.Write(io, arguments.Format, compilation.Diagnostics, sources.Count, "compiled", "; nothing written");
            return ExitCodes.InputErrors;
        }

        var bytes = VmpWriter.Write(program);
        var outputPath = Path.GetFullPath(arguments.Output, io.WorkingDirectory);
        try
        {
            WriteAtomically(outputPath, bytes);
            if (arguments.Listing)
                WriteAtomically(Path.ChangeExtension(outputPath, ".lst"), System.Text.Encoding.UTF8.GetBytes(Disassembler.Disassemble(program)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DiagnosticsOutput.Write(io, arguments.Format, compilation.Diagnostics, sources.Count, "compiled");
            io.Error.WriteLine($"vmc: error: cannot write '{arguments.Output}': {e.Message}");
            return ExitCodes.UsageOrIo;
        }

        DiagnosticsOutput.Write(io, arguments.Format, compilation.Diagnostics, sources.Count, "compiled",
            string.Create(CultureInfo.InvariantCulture, $"; {arguments.Output}: {bytes.Length} bytes, {program.Code.Length} instructions"));
        return ExitCodes.Success;
    }

    /// <summary>Write beside the target, flush to disk, then rename: readers see the old file or the new one, never a mix.</summary>
    internal static void WriteAtomically(string path, byte[] bytes)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
