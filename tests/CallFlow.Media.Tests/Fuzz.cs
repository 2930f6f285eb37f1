using CsCheck;
using Xunit.Sdk;

namespace CallFlow.Media.Tests;

/// <summary>Runs a generator over fixed seeds, so every run checks the same inputs and a failure can be replayed.</summary>
internal static class Fuzz
{
    private const uint Stream = 2026;

    public static void Sample<T>(Gen<T> gen, Action<T> assert, ulong seed, int iterations)
    {
        for (var i = 0; i < iterations; i++)
        {
            var pcg = new PCG(Stream, seed + (ulong)i);
            var seedText = pcg.ToString();
            var value = gen.Generate(pcg, null, out _);
            try
            {
                assert(value);
            }
            catch (Exception error)
            {
                throw new XunitException($"iteration {i} (CsCheck seed \"{seedText}\") failed: {error.Message}", error);
            }
        }
    }
}
