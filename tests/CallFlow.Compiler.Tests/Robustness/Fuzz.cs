using CsCheck;
using Xunit.Sdk;

namespace CallFlow.Compiler.Tests.Robustness;

/// <summary>
/// A deterministic driver for CsCheck generators. <c>Check.Sample</c> fixes only the first iteration's seed and
/// draws the rest from a random thread PCG, so a run could find (or miss) a failure by luck. Here iteration i of a
/// test always uses the PCG seeded with (test seed + i), so every run generates the same inputs. On a failure the
/// failing seed goes to <c>Check.Sample</c>, which re-runs it and shrinks from it, then throws CsCheck's usual
/// message: the input and <c>Set seed: "..."</c>. Running the test with the environment variable
/// <c>CsCheck_Seed</c> set to that seed replays just that input (<c>CsCheck_Seed=... dotnet test --filter ...</c>).
/// <para>
/// Set CALLFLOW_LONG_FUZZ=1 for the long sweep (many more iterations and larger inputs); the normal run keeps every
/// property to a few thousand cheap iterations.
/// </para>
/// </summary>
internal static class Fuzz
{
    private const uint Stream = 2026;

    public static bool Long { get; } = Environment.GetEnvironmentVariable("CALLFLOW_LONG_FUZZ") == "1";

    public static int Iterations(int normal, int @long) => Long ? @long : normal;

    /// <param name="seed">The test's fixed seed; iteration i uses seed + i.</param>
    public static void Sample<T>(Gen<T> gen, Action<T> assert, ulong seed, int iterations, Func<T, string>? print = null)
    {
        // CsCheck_Seed=... (as printed on a failure) replays that one input instead of the sweep.
        if (Check.Seed is { } replay)
        {
            gen.Sample(assert, seed: replay, iter: 1, threads: 1, print: print);
            return;
        }
        for (var i = 0; i < iterations; i++)
        {
            var pcg = new PCG(Stream, seed + (ulong)i);
            var seedText = pcg.ToString();
            var value = gen.Generate(pcg, null, out _);
            try
            {
                assert(value);
            }
            catch (Exception first)
            {
                // Reproduce and shrink with CsCheck; its exception names the smallest failing input and its seed.
                gen.Sample(assert, seed: seedText, iter: 300, threads: 1, print: print);
                throw new XunitException($"iteration {i} failed with CsCheck seed \"{seedText}\" (CsCheck did not reproduce it): {first.Message}", first);
            }
        }
    }
}
