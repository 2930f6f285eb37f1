namespace CallFlow.Cli.Commands;

/// <summary>The options every <c>vmc mailbox</c> subcommand takes.</summary>
/// <param name="ConfigPath">--config: the callflow.json to read; null looks for ./callflow.json, else uses the defaults.</param>
/// <param name="DataDirectory">--data: the mailbox store's folder, instead of the configuration's data_directory.</param>
public sealed record MailboxArguments(string? ConfigPath, string? DataDirectory);
