namespace CallFlow.Vmp;

/// <summary>The sections of a root.vmp file; each appears exactly once, in this order.</summary>
public enum SectionKind : uint
{
    Strings = 1,
    Prompts = 2,
    Values = 3,
    Records = 4,
    Results = 5,
    Flows = 6,
    Code = 7,
    Conditions = 8,
    UserVariables = 9,
    Debug = 10,
}
