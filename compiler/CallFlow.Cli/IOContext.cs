namespace CallFlow.Cli;

/// <summary>Where a command writes, so tests can run commands in-process and read what they printed.</summary>
public sealed record IOContext(TextWriter Output, TextWriter Error, string WorkingDirectory)
{
    public static IOContext Console => new(System.Console.Out, System.Console.Error, Environment.CurrentDirectory);
}
