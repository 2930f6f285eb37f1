using CsCheck;
using Xunit.Sdk;

namespace CallFlow.Tests.Shared;

/// <summary>Runs a generator over fixed seeds, so every run checks the same inputs and a failure can be replayed.</summary>
internal static class Fuzz
{
    /// <summary>The PCG stream the test projects draw from unless they chose their own.</summary>
    public const uint DefaultStream = 2026;

    /// <param name="seed">The test's fixed seed; iteration i uses seed + i.</param>
    /// <param name="stream">The PCG stream; a project that picked another one passes it, so its inputs stay the same.</param>
    /// <param name="print">Writes the failing input into the message, for inputs whose text tells a reader something.</param>
    public static void Sample<T>(Gen<T> gen, Action<T> assert, ulong seed, int iterations, uint stream = DefaultStream, Func<T, string>? print = null)
    {
        for (var i = 0; i < iterations; i++)
        {
            var pcg = new PCG(stream, seed + (ulong)i);
            var seedText = pcg.ToString();
            var value = gen.Generate(pcg, null, out _);
            try
            {
                assert(value);
            }
            catch (Exception error)
            {
                var input = print is null ? "" : $"\ninput:\n{print(value)}";
                throw new XunitException($"iteration {i} (CsCheck seed \"{seedText}\") failed: {error.Message}{input}", error);
            }
        }
    }
}
