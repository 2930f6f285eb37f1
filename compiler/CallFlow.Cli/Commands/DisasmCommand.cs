using System.CommandLine;
using CallFlow.Vmp;

namespace CallFlow.Cli.Commands;

/// <summary><c>vmc disasm root.vmp</c>: verifies the file as the server's loader does, then prints its listing.</summary>
public sealed class DisasmCommand(IOContext io)
{
    public static Command Create(IOContext io)
    {
        var file = new Argument<string>("file") { Description = "the root.vmp to list" };
        var command = new Command("disasm", "Print a readable listing of a root.vmp") { file };
        command.SetAction(parseResult => new DisasmCommand(io).Run(parseResult.GetValue(file)!));
        return command;
    }

    public int Run(string file)
    {
        var path = Path.GetFullPath(file, io.WorkingDirectory);
        byte[] bytes;
        try
        {
            if (new FileInfo(path) is { Exists: true, Length: > VmpFormat.MaxFileSize })
            {
                io.Error.WriteLine($"{file}: error VF5004: the file is larger than {VmpFormat.MaxFileSize} bytes; it is not a root.vmp");
                return ExitCodes.InputErrors;
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"vmc: error: cannot read '{file}': {e.Message}");
            return ExitCodes.UsageOrIo;
        }

        try
        {
            io.Output.Write(Disassembler.Disassemble(VmpReader.Read(bytes)));
            return ExitCodes.Success;
        }
        catch (VmpLoadException e)
        {
            io.Error.WriteLine($"{file}: error {e.Code}: {e.Message} (at byte {e.Offset})");
            return ExitCodes.InputErrors;
        }
    }
}
