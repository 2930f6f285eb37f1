using System.Globalization;
using System.Numerics;

namespace CallFlow.Runtime.Evaluation;

/// <summary>
/// EVAL's arithmetic (reference §5): numbers, call variables, ( ), unary minus, * / % + - and ^ (bitwise XOR).
/// </summary>
/// <remarks>
/// <para><b>Precedence</b> (the reference lists the operators but not their order; CallFlow follows C): unary minus
/// binds tightest, then * / %, then + -, then ^ loosest, each left-associative. So <c>1+2*3</c> is 7 and
/// <c>1+2^3</c> is (1+2)^3 = 0, as in C, where ^ also sits below + and -.</para>
/// <para><b>Two modes</b>, chosen once for the whole expression. When every number written and every variable's
/// value is a whole number, all the arithmetic is on 64-bit integers and each / and % truncates toward zero:
/// <c>123/2</c> is 61, <c>-7/2</c> is -3, <c>7/2*2</c> is 6. When any of them is written with a decimal point
/// ("123.0", or a variable holding "2.5"), all the arithmetic is in decimal (28 significant digits, exact in base
/// 10) and the result has exactly six decimals, rounded half away from zero: <c>123.0/2</c> is "61.500000".
/// ^ takes the whole parts of its operands (truncated toward zero) in both modes.</para>
/// <para><b>Values that are not numbers</b>: a variable whose value is not a number ("abc", "", "1e5", "1,5") counts
/// as 0. A number written in the expression itself must be one ("1.2.3" fails).</para>
/// <para><b>Failures</b>, which leave the target unchanged: division or remainder by zero, a result or a value
/// outside the mode's range (64-bit integers, or about ±7.9e28), and a malformed expression (the compiler rejects
/// those, so only a hand-made root.vmp has them).</para>
/// </remarks>
internal static class ArithmeticEvaluator
{
    private const char Negate = 'n';

    private readonly record struct Token(char Operator, decimal Value)
    {
        public bool IsNumber => Operator == '\0';
    }

    /// <summary>Evaluates <paramref name="expression"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryEvaluate(string expression, CallVariables variables, out string result, out string error)
    {
        result = "";
        if (!TryToPostfix(expression, variables, out var postfix, out var anyDecimal, out error))
            return false;
        try
        {
            result = anyDecimal ? FormatDecimal(Run<decimal>(postfix)) : Run<long>(postfix).ToString(CultureInfo.InvariantCulture);
            return true;
        }
        catch (DivideByZeroException)
        {
            error = "division by zero";
        }
        catch (ArithmeticException)
        {
            error = anyDecimal ? "the result is too large for a decimal number" : "the result is too large for a 64-bit whole number";
        }
        return false;
    }

    // Voicemail Pro: "any decimal input gives a result to 6 decimals" (123.0/2 → 61.500000).
    private static string FormatDecimal(decimal value)
    {
        var rounded = Math.Round(value, 6, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0m : rounded).ToString("0.000000", CultureInfo.InvariantCulture);
    }

    /// <summary>Shunting-yard: reads the expression once, without recursion, into postfix order.</summary>
    private static bool TryToPostfix(string text, CallVariables variables, out List<Token> output, out bool anyDecimal, out string error)
    {
        output = [];
        anyDecimal = false;
        error = "";
        var operators = new Stack<char>();
        var expectOperand = true;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (expectOperand)
            {
                if (c is '-' or '(')
                {
                    operators.Push(c == '-' ? Negate : '(');
                    i++;
                    continue;
                }
                if (char.IsAsciiDigit(c))
                {
                    var start = i;
                    while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                        i++;
                    var literal = text[start..i];
                    if (!decimal.TryParse(literal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                    {
                        error = $"'{literal}' is not a number";
                        return false;
                    }
                    anyDecimal |= InvariantNumber.HasDecimalPoint(literal);
                    output.Add(new Token('\0', number));
                }
                else if (c == '$' && VariableScanner.NameEnd(text, i) is var end and > 0)
                {
                    var value = variables.Get(text[i..end]);
                    if (InvariantNumber.TryParse(value, out var number))
                        anyDecimal |= InvariantNumber.HasDecimalPoint(value);
                    else
                        number = 0;
                    output.Add(new Token('\0', number));
                    i = end;
                }
                else
                {
                    error = $"unexpected '{c}' where a number or variable belongs";
                    return false;
                }
                expectOperand = false;
            }
            else if (c == ')')
            {
                while (operators.Count > 0 && operators.Peek() != '(')
                    output.Add(new Token(operators.Pop(), 0));
                if (operators.Count == 0)
                {
                    error = "a ')' has no matching '('";
                    return false;
                }
                operators.Pop();
                i++;
            }
            else if (Precedence(c) > 0 && c != Negate)
            {
                while (operators.Count > 0 && operators.Peek() != '(' && Precedence(operators.Peek()) >= Precedence(c))
                    output.Add(new Token(operators.Pop(), 0));
                operators.Push(c);
                expectOperand = true;
                i++;
            }
            else
            {
                error = $"unexpected '{c}' where an operator belongs";
                return false;
            }
        }
        if (expectOperand)
        {
            error = output.Count == 0 && operators.Count == 0 ? "the expression is empty" : "an operand is missing at the end";
            return false;
        }
        while (operators.Count > 0)
        {
            var op = operators.Pop();
            if (op == '(')
            {
                error = "a ')' is missing";
                return false;
            }
            output.Add(new Token(op, 0));
        }
        return true;
    }

    private static int Precedence(char op) => op switch
    {
        Negate => 4,
        '*' or '/' or '%' => 3,
        '+' or '-' => 2,
        '^' => 1,
        _ => 0,
    };

    private static T Run<T>(List<Token> postfix) where T : INumber<T>
    {
        var stack = new Stack<T>();
        foreach (var token in postfix)
        {
            if (token.IsNumber)
            {
                stack.Push(T.CreateChecked(token.Value));
            }
            else if (token.Operator == Negate)
            {
                stack.Push(checked(-stack.Pop()));
            }
            else
            {
                var right = stack.Pop();
                var left = stack.Pop();
                stack.Push(Apply(token.Operator, left, right));
            }
        }
        return stack.Pop();
    }

    private static T Apply<T>(char op, T left, T right) where T : INumber<T>
    {
        if (op is '/' or '%' && T.IsZero(right))
            throw new DivideByZeroException();
        return op switch
        {
            '+' => checked(left + right),
            '-' => checked(left - right),
            '*' => checked(left * right),
            // For long this truncates toward zero (123/2 = 61); for decimal it is exact.
            '/' => checked(left / right),
            // C's remainder: the sign of the dividend (-7 % 2 = -1).
            '%' => left % right,
            // long.CreateChecked truncates a decimal toward zero and throws past long's range.
            _ => T.CreateChecked(long.CreateChecked(left) ^ long.CreateChecked(right)),
        };
    }
}
