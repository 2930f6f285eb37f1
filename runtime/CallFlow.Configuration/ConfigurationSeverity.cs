namespace CallFlow.Configuration;

/// <summary>How bad a <see cref="ConfigurationDiagnostic"/> is.</summary>
public enum ConfigurationSeverity
{
    /// <summary>Loaded anyway, with the stated correction (e.g. trailing spaces dropped from a name).</summary>
    Warning,

    /// <summary>The file cannot be used; no configuration is returned.</summary>
    Error,
}
