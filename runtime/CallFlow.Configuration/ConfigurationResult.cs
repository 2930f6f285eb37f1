using System.Collections.Immutable;

namespace CallFlow.Configuration;

/// <summary>What <see cref="ConfigurationLoader"/> returns: the configuration when there is no error, and every diagnostic.</summary>
/// <param name="Configuration">The configuration, or null when any diagnostic is an error.</param>
/// <param name="Diagnostics">Every problem found, errors and warnings, in file order.</param>
public sealed record ConfigurationResult(CallFlowConfiguration? Configuration, ImmutableArray<ConfigurationDiagnostic> Diagnostics)
{
    /// <summary>True when at least one diagnostic is an error (and so <see cref="Configuration"/> is null).</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
