using CallFlow.Cli;
using CallFlow.Configuration;
using CallFlow.Mailbox;
using CallFlow.Runtime.Hosting.Mailboxes;
using CallFlow.Compiler.Symbols;
using CallFlow.Runtime.Channels.Scripted;
using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Compiler.Tests.Corpus;

/// <summary>
/// The call plans (tests/cases/runtime and tests/cases/calls against the samples) together take every result of
/// every action at least once, and enter every action that has none; menus also take '?', '$' and F. So a change in
/// any action's behaviour shows in some transcript snapshot.
/// </summary>
public sealed class RuntimeCoverageTests
{
    [Fact]
    public async Task The_call_plans_take_every_result_of_every_action()
    {
        var coverage = new Coverage();
        foreach (var (folder, plans, config) in Corpora())
        {
            var (sources, errors) = SourceLoader.Load([folder], RepositoryPaths.Root);
            Assert.Empty(errors);
            var compilation = Compilation.Create(sources);
            var program = compilation.EmitProgram();
            Assert.True(program is not null, $"{folder} does not compile");
            coverage.Code = program;
            foreach (var planPath in plans)
            {
                var (parsed, planErrors) = CallPlan.ParseAll(File.ReadAllText(planPath), planPath);
                Assert.True(planErrors.IsEmpty, string.Join("\n", planErrors));
                if (config is null)
                {
                    new ScriptedHost(new LoadedProgram(program), new MachineOptions()).RunAll(parsed, coverage);
                    continue;
                }
                // A fresh store per plan file, as `vmc simulate --config` gives.
                var configuration = ConfigurationLoader.Load(config).Configuration!;
                var data = Directory.CreateTempSubdirectory("callflow-coverage-");
                try
                {
                    var clock = new ScriptedClock();
                    using var store = SqliteMailboxStore.Open(data.FullName, MailboxPolicyFactory.StoreOptions(configuration, clock));
                    await MailboxPolicyFactory.ProvisionAsync(store, configuration);
                    var host = new ScriptedHost(new LoadedProgram(program), new MachineOptions())
                    {
                        Handlers = [new MailboxRequestHandler(store, MailboxPolicyFactory.Create(configuration))],
                        Clock = clock,
                    };
                    host.RunAll(parsed, coverage);
                }
                finally
                {
                    data.Delete(recursive: true);
                }
            }
        }

        var missing = new List<string>();
        foreach (var action in ActionCatalog.All)
        {
            if (action.Group == ActionGroup.Start)
                continue;
            var expected = action.Name switch
            {
                "menu" => ["Timeout", "Invalid", "?", "$", "F", "a key"],
                "test_variable" => ["NoMatch", "Timeout", "a case"],
                "call" => ["a module exit"],
                _ when action.Results.IsEmpty => ["(entered)"],
                _ => action.Results.ToArray(),
            };
            foreach (var result in expected)
            {
                if (!coverage.Taken.Contains((action.Name, result)))
                    missing.Add($"{action.Name}: {result}");
            }
        }
        Assert.True(missing.Count == 0, "no call plan takes these results:\n" + string.Join("\n", missing));
    }

    private static IEnumerable<(string Folder, List<string> Plans, string? Config)> Corpora()
    {
        yield return ("samples", [.. Directory.EnumerateFiles(RepositoryPaths.Combine("tests", "cases", "calls"), "*.plan").Order(StringComparer.Ordinal)], null);
        foreach (var folder in Directory.EnumerateDirectories(RepositoryPaths.Combine("tests", "cases", "runtime")).Order(StringComparer.Ordinal))
            yield return (Path.GetRelativePath(RepositoryPaths.Root, folder), [.. Directory.EnumerateFiles(folder, "*.plan").Order(StringComparer.Ordinal)], null);
        foreach (var folder in Directory.EnumerateDirectories(RepositoryPaths.Combine("tests", "cases", "mailbox")).Order(StringComparer.Ordinal))
            yield return ("samples", [.. Directory.EnumerateFiles(folder, "*.plan").Order(StringComparer.Ordinal)], Path.Combine(folder, "callflow.json"));
    }

    private sealed class Coverage : IMachineTrace
    {
        public VmpProgram Code { get; set; } = null!;
        public HashSet<(string Action, string Result)> Taken { get; } = [];

        public void Entered(CallState call, int pc)
        {
            while (Code.Code[pc].OpCode is OpCode.Play or OpCode.CheckPin)
                pc++;
            Taken.Add((Code.Code[pc].OpCode == OpCode.Return ? "return" : Name(Code.Code[pc]), "(entered)"));
        }

        public void Took(CallState call, int pc, string result, int target)
        {
            var name = Name(Code.Code[pc]);
            Taken.Add((name, result));
            if (name == "menu")
                Taken.Add((name, result is "Timeout" or "Invalid" or "?" or "$" or "F" ? result : result.Contains('?') ? "?" : "a key"));
            if (name == "test_variable" && result is not ("NoMatch" or "Timeout"))
                Taken.Add((name, "a case"));
            if (name == "call")
                Taken.Add((name, "a module exit"));
        }

        private string Name(Node node) => node.OpCode switch
        {
            OpCode.Action => Code.Strings[node.A],
            OpCode.Test => "test_condition",
            OpCode.Call or OpCode.Return => "call",
            OpCode.Goto => "goto",
            OpCode.Home => "home",
            OpCode.Disconnect => "disconnect",
            OpCode.StartOptions => "complete_sequence",
            _ => node.OpCode.ToString(),
        };
    }
}
