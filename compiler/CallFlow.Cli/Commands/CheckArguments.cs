namespace CallFlow.Cli.Commands;

public sealed record CheckArguments(IReadOnlyList<string> Paths, string Format);
