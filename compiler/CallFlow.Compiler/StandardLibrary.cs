using System.Collections.Immutable;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Syntax;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler;

/// <summary>
/// The flows in stdlib/, built into the compiler: the mailbox interfaces get_mail runs (IntuityMailbox and
/// IpOfficeMailbox). They join a program that uses get_mail, unless it defines a module of the same name (an
/// integrator's own version wins), so a program without get_mail compiles to exactly what it says.
/// </summary>
public static class StandardLibrary
{
    private const string ResourcePrefix = "stdlib/";

    /// <summary>Every stdlib source, by its path ("stdlib/intuity-mailbox.vflow"), in path order.</summary>
    public static ImmutableArray<SourceText> Sources { get; } = Load();

    /// <summary>The stdlib sources a program of <paramref name="trees"/> needs: those defining a module it does not
    /// define itself, when it uses get_mail anywhere.</summary>
    internal static IEnumerable<CompilationUnitSyntax> NeededBy(ImmutableArray<CompilationUnitSyntax> trees, DiagnosticBag diagnostics)
    {
        if (!trees.Any(t => t.Declarations.Any(UsesGetMail)))
            return [];
        var defined = trees.SelectMany(t => t.Declarations).OfType<ModuleSyntax>().Select(m => m.Name.Text).ToHashSet(StringComparer.Ordinal);
        return Sources
            .Where(source => !trees.Any(t => t.Source.Path == source.Path))
            .Select(source => SyntaxTree.Parse(source, diagnostics))
            .Where(tree => tree.Declarations.OfType<ModuleSyntax>().All(m => !defined.Contains(m.Name.Text)));
    }

    private static bool UsesGetMail(DeclarationSyntax declaration) => declaration switch
    {
        ModuleSyntax module => UsesGetMail(module.Body),
        StartPointSyntax start => UsesGetMail(start.Body),
        _ => false,
    };

    private static bool UsesGetMail(FlowBodySyntax body)
    {
        foreach (var action in body.Actions)
        {
            if (action.Kind.Text == "get_mail")
                return true;
            foreach (var item in action.Body)
            {
                var branch = item switch { ConnectionSyntax c => c.Branch, KeyBranchSyntax k => k.Branch, CaseBranchSyntax c => c.Branch, _ => null };
                if (branch is InlineFlowSyntax inline && UsesGetMail(inline.Body))
                    return true;
            }
        }
        return false;
    }

    private static ImmutableArray<SourceText> Load()
    {
        var assembly = typeof(StandardLibrary).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return new SourceText(name, reader.ReadToEnd());
            })];
    }
}
