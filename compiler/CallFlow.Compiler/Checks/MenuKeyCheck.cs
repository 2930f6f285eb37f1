using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Diagnostics;

namespace CallFlow.Compiler.Checks;

/// <summary>
/// Menu rules from Voicemail Pro (reference §4.6): at most 15 branches (VF2007); no key or sequence may be a prefix
/// of another, or the longer one can never be dialled (VF2006); a menu with no keys is suspicious (VF2010).
/// '?' matches any one digit.
/// </summary>
internal sealed class MenuKeyCheck : IProgramCheck
{
    public const int MaxBranches = 15;

    public void Run(BoundProgram program, DiagnosticBag diagnostics)
    {
        foreach (var action in program.Flows.SelectMany(f => f.Actions).Where(a => a.Definition.Name == "menu"))
        {
            var keys = action.Results.Where(r => r is not ("Timeout" or "Invalid")).ToList();
            if (keys.Count == 0)
                diagnostics.Report(DiagnosticDescriptors.MenuWithoutKeys, action.Location, action.DisplayName);
            if (keys.Count > MaxBranches)
            {
                // Already an error; comparing every pair of thousands of keys would only add noise and time.
                diagnostics.Report(DiagnosticDescriptors.TooManyMenuBranches, action.Location, keys.Count, MaxBranches);
                continue;
            }

            var sequences = keys.Where(k => k is not ("$" or "F")).ToList();
            // One report per unreachable sequence, naming the first key that shadows it.
            foreach (var longer in sequences)
            {
                var shorter = sequences.FirstOrDefault(s => s.Length < longer.Length && IsPrefix(s, longer));
                if (shorter is null)
                    continue;
                var location = action.Connections.FirstOrDefault(c => c.Result == longer)?.Location ?? action.Location;
                diagnostics.Report(DiagnosticDescriptors.MenuKeyPrefix, location, shorter, longer);
            }
        }
    }

    private static bool IsPrefix(string shorter, string longer)
    {
        for (var i = 0; i < shorter.Length; i++)
        {
            var a = shorter[i];
            var b = longer[i];
            var match = a == b || (a == '?' && char.IsAsciiDigit(b)) || (b == '?' && char.IsAsciiDigit(a));
            if (!match)
                return false;
        }
        return true;
    }
}
