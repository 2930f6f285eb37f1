namespace CallFlow.Vmp;

public enum CompareOperator
{
    Equal = 1,
    NotEqual = 2,
    Less = 3,
    Greater = 4,
    LessOrEqual = 5,
    GreaterOrEqual = 6,
}
