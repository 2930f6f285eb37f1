namespace CallFlow.Cli.Commands;

public sealed record CompileArguments(IReadOnlyList<string> Paths, string Output, bool Listing, string Format);
