using System.Reflection;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using CallFlow.Compiler;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Syntax;
using CallFlow.Compiler.Syntax.Generated;
using CallFlow.Compiler.Text;

namespace CallFlow.Bench;

/// <summary>What one measured operation does to one input text. Each returns a number so no work can be optimised away.</summary>
internal static class Workloads
{
    public const string Parse = "parse";
    public const string Check = "check";
    public const string Lex = "lex";
    public const string Sll = "sll";
    public const string Ll = "ll";
    public const string Compile = "compile";

    /// <summary>The modes of the main table (the compiler's public entry points).</summary>
    public static readonly string[] Main = [Parse, Check];

    /// <summary>The modes of the prediction-strategy comparison (the generated lexer and parser driven directly).</summary>
    public static readonly string[] Strategy = [Lex, Sll, Ll];

    /// <summary>The modes of the root.vmp section (the full check plus emitting the file).</summary>
    public static readonly string[] Vmp = [Compile];

    public static Func<string, long> Get(string mode) => mode switch
    {
        // Compilation.ParseOnly: SourceText line table + lexing + depth guard + SLL parse (LL fallback on error) + own syntax tree.
        Parse => static text => Compilation.ParseOnly(new SourceText("bench.vflow", text)).Length,
        // Compilation.Create: everything above + binding + all flow checks + sorting diagnostics.
        Check => static text => Compilation.Create([new SourceText("bench.vflow", text)]).Diagnostics.Length,
        // Compilation.Create + Compilation.Emit: the check above, then ProgramEmitter + VmpWriter (root.vmp bytes).
        Compile => static text => CompileToBytes(text).Length,
        Lex => LexOnly,
        Sll => static text => RawParse(text, PredictionMode.SLL),
        Ll => static text => RawParse(text, PredictionMode.LL),
        _ => throw new ArgumentException($"unknown mode '{mode}'"),
    };

    /// <summary>
    /// The compiler's own lexing pass, SyntaxTree.Lex: the generated lexer plus the token-list fix-ups the grammar
    /// relies on (line continuation, implied ';' before '}' and end of file, error tokens reported and dropped).
    /// It is private, so the bench binds to it by reflection once; the raw parses below use its token list, so they
    /// parse exactly what Compilation.ParseOnly parses.
    /// </summary>
    public static readonly Func<SourceText, DiagnosticBag, List<IToken>> CompilerLex = BindLex();

    private static Func<SourceText, DiagnosticBag, List<IToken>> BindLex()
    {
        var method = typeof(SyntaxTree).GetMethod("Lex", BindingFlags.NonPublic | BindingFlags.Static, [typeof(SourceText), typeof(DiagnosticBag)])
            ?? throw new InvalidOperationException("SyntaxTree.Lex(SourceText, DiagnosticBag) not found: update bench/CallFlow.Bench/Workloads.cs to the compiler's lexing pass");
        return method.CreateDelegate<Func<SourceText, DiagnosticBag, List<IToken>>>();
    }

    /// <summary>What <c>vmc compile</c> does after reading the file: the root.vmp bytes. Null (errors) fails loudly.</summary>
    public static byte[] CompileToBytes(string text)
    {
        var compilation = Compilation.Create([new SourceText("bench.vflow", text)]);
        return compilation.Emit()
            ?? throw new InvalidOperationException($"Compilation.Emit() returned null ({compilation.Diagnostics.Length} diagnostics, {compilation.Diagnostics.Count(d => d.IsError)} errors) on a generated input");
    }

    private static long LexOnly(string text)
    {
        var diagnostics = new DiagnosticBag();
        var tokens = CompilerLex(new SourceText("bench.vflow", text), diagnostics);
        if (diagnostics.Count > 0)
            throw new InvalidOperationException("lexing the generated input reported diagnostics");
        return tokens.Count;
    }

    /// <summary>
    /// The compiler's lexing pass + the generated parser with one prediction mode, building ANTLR's parse tree only
    /// (no CallFlow syntax tree). SLL runs as SyntaxTree.Parse runs it first (bail out on the first error); LL runs
    /// with ANTLR's default error strategy, from the start: the "LL only" strategy. On valid input neither reports
    /// an error, so the two differ only in prediction.
    /// </summary>
    public static CallFlowParser.CompilationUnitContext RawParse(List<IToken> tokens, PredictionMode mode)
    {
        var parser = new CallFlowParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = mode;
        if (mode == PredictionMode.SLL)
            parser.ErrorHandler = new BailErrorStrategy();
        var tree = parser.compilationUnit();
        if (parser.NumberOfSyntaxErrors > 0)
            throw new InvalidOperationException($"{mode} parse reported {parser.NumberOfSyntaxErrors} syntax errors on the generated input");
        return tree;
    }

    private static long RawParse(string text, PredictionMode mode) =>
        RawParse(CompilerLex(new SourceText("bench.vflow", text), new DiagnosticBag()), mode).ChildCount;
}
