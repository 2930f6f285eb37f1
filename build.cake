// CallFlow build script (Cake 7). Run with:  dotnet tool restore && dotnet cake [--target=<task>]
//
// Targets:  Clean | Restore | Build | Test (default) | Bench | SipLoad | Pack | Prompts
// Arguments:
//   --configuration=<Release|Debug>   build configuration (default Release)
//   --bench-args="<args>"             arguments passed to bench/CallFlow.Bench after `--` (Bench target; SipLoad: after --sip-load)
//   --prompts-args="<args>"           more arguments for the prompt renderer, e.g. "--language fr --force" (Prompts target)

var target = Argument("target", "Test");

Setup(static context =>
{
    var root = context.Environment.WorkingDirectory;
    var artifacts = root.Combine("artifacts");
    return new BuildData(
        Configuration: context.Argument("configuration", "Release"),
        BenchArgs: context.Argument("bench-args", string.Empty),
        PromptsArgs: context.Argument("prompts-args", string.Empty),
        Solution: root.CombineWithFilePath("CallFlow.sln"),
        CliProject: root.CombineWithFilePath("compiler/CallFlow.Cli/CallFlow.Cli.csproj"),
        BenchProject: root.CombineWithFilePath("bench/CallFlow.Bench/CallFlow.Bench.csproj"),
        RenderProject: root.CombineWithFilePath("runtime/CallFlow.Speech.Render/CallFlow.Speech.Render.csproj"),
        Catalogue: root.Combine("stdlib/prompts"),
        Prompts: artifacts.Combine("prompts"),
        Artifacts: artifacts,
        Packages: artifacts.Combine("packages"));
});

Task("Clean")
    .Description("Removes build output of the solution and the artifacts folder.")
    .Does<BuildData>(static (context, data) =>
    {
        context.DotNetClean(data.Solution.FullPath, new DotNetCleanSettings
        {
            Configuration = data.Configuration,
            NoLogo = true,
        });
        context.CleanDirectory(data.Artifacts);
    });

Task("Restore")
    .Description("Restores NuGet packages for the solution.")
    .Does<BuildData>(static (context, data) =>
        context.DotNetRestore(data.Solution.FullPath));

Task("Build")
    .Description("Builds the solution (fetches the ANTLR tool jar through npm on first build).")
    .IsDependentOn("Restore")
    .Does<BuildData>(static (context, data) =>
        context.DotNetBuild(data.Solution.FullPath, new DotNetBuildSettings
        {
            Configuration = data.Configuration,
            NoRestore = true,
            NoLogo = true,
        }));

Task("Test")
    .Description("Runs every test project in the solution.")
    .IsDependentOn("Build")
    .Does<BuildData>(static (context, data) =>
        context.DotNetTest(data.Solution.FullPath, new DotNetTestSettings
        {
            Configuration = data.Configuration,
            NoBuild = true,
            NoRestore = true,
            NoLogo = true,
        }));

Task("Bench")
    .Description("Runs the benchmark harness; pass its arguments with --bench-args=\"...\".")
    .IsDependentOn("Restore")
    .Does<BuildData>(static (context, data) =>
        context.DotNetRun(
            data.BenchProject.FullPath,
            ProcessArgumentBuilder.FromString(data.BenchArgs),
            new DotNetRunSettings
            {
                Configuration = data.Configuration,
                NoRestore = true,
            }));

Task("SipLoad")
    .Description("SIP load benchmark: SIPp calls vmc serve on loopback in steps of concurrent calls, with SIPp's echo server as the reference; prints the markdown table (docs/benchmarks.md). More options with --bench-args=\"...\".")
    .IsDependentOn("Restore")
    .Does<BuildData>(static (context, data) =>
    {
        // The server under test is the real `vmc serve`, run as its own process (its CPU time is read from /proc).
        context.DotNetBuild(data.CliProject.FullPath, new DotNetBuildSettings
        {
            Configuration = data.Configuration,
            NoRestore = true,
            NoLogo = true,
        });
        var vmc = data.CliProject.GetDirectory().CombineWithFilePath($"bin/{data.Configuration}/net10.0/vmc.dll");
        context.DotNetRun(
            data.BenchProject.FullPath,
            new ProcessArgumentBuilder().Append("--sip-load").Append("--no-build").Append("--vmc").AppendQuoted(vmc.FullPath).Append(data.BenchArgs),
            new DotNetRunSettings
            {
                Configuration = data.Configuration,
                NoRestore = true,
            });
    });

Task("Pack")
    .Description("Builds and packs compiler/CallFlow.Cli as the CallFlow.Vmc .NET tool into artifacts/packages.")
    .IsDependentOn("Restore")
    .Does<BuildData>(static (context, data) =>
    {
        context.CleanDirectory(data.Packages);
        context.DotNetPack(data.CliProject.FullPath, new DotNetPackSettings
        {
            Configuration = data.Configuration,
            OutputDirectory = data.Packages,
            NoRestore = true,
            NoLogo = true,
        });
        foreach (var package in context.GetFiles($"{data.Packages.FullPath}/*.nupkg"))
        {
            context.Information("Packed {0}", package.GetFilename());
        }
    });

Task("Prompts")
    .Description("Renders the system prompt catalogue (stdlib/prompts) to artifacts/prompts/<language>/<name>.wav with espeak-ng; up-to-date files are skipped.")
    .IsDependentOn("Restore")
    .Does<BuildData>(static (context, data) =>
        context.DotNetRun(
            data.RenderProject.FullPath,
            new ProcessArgumentBuilder()
                .Append("--catalogue").AppendQuoted(data.Catalogue.FullPath)
                .Append("--out").AppendQuoted(data.Prompts.FullPath)
                .Append(data.PromptsArgs),
            new DotNetRunSettings
            {
                Configuration = data.Configuration,
                NoRestore = true,
            }));

RunTarget(target);

public sealed record BuildData(
    string Configuration,
    string BenchArgs,
    string PromptsArgs,
    FilePath Solution,
    FilePath CliProject,
    FilePath BenchProject,
    FilePath RenderProject,
    DirectoryPath Catalogue,
    DirectoryPath Prompts,
    DirectoryPath Artifacts,
    DirectoryPath Packages);
