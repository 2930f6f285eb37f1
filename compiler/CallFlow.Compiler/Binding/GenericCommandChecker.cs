using System.Globalization;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Syntax;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>A call variable named inside a generic command, with where it is written.</summary>
internal readonly record struct CommandVariable(string Text, TextSpan Span);

/// <summary>
/// Checks the free-format commands of the Generic action (reference §5): CPx:, COUNTERn:, INCCOUNTER:,
/// DECCOUNTER:, CLEARCOUNTER:, EVAL:, STRING:, FWD:, PRIORITY: and SAVE:. Positions point inside the string.
/// </summary>
internal static class GenericCommandChecker
{
    private static readonly string[] Prefixes = ["CP0", "COUNTER1", "INCCOUNTER", "DECCOUNTER", "CLEARCOUNTER", "EVAL", "STRING", "FWD", "PRIORITY", "SAVE"];
    private static readonly Dictionary<string, int> StringFunctions = new(StringComparer.Ordinal)
    {
        ["mid"] = 3, ["left"] = 2, ["right"] = 2, ["lower"] = 1, ["upper"] = 1, ["reverse"] = 1,
    };

    public static void Check(StringValueSyntax command, SourceText source, DiagnosticBag diagnostics,
        Action<CommandVariable> read, Action<CommandVariable> write)
    {
        var raw = command.RawText;
        var text = raw.Length >= 2 && raw[^1] == '"' ? raw[1..^1] : raw[1..];
        if (text.Trim().Length == 0)
            return;
        var origin = command.Span.Start + 1;
        TextSpan At(int offset, int length) => new(origin + offset, Math.Max(1, length));
        void Malformed(string name, string problem, string hint, int offset, int length) =>
            diagnostics.Report(DiagnosticDescriptors.MalformedCommand, source, At(offset, length), name, problem, hint);

        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            diagnostics.Report(DiagnosticDescriptors.UnknownCommand, source, At(0, text.Length), text,
                "a generic command is written PREFIX:arguments, such as CP1:$MONTH or EVAL:$CP0=$CP1+1");
            return;
        }
        var prefix = text[..colon];
        var argument = text[(colon + 1)..];
        var argumentOffset = colon + 1;

        if (TrySplitIndexed(prefix, "CP", out var register))
        {
            if (register is < 0 or > 15)
                Malformed("CPx", $"register CP{register} does not exist", "use CP0 to CP15", 0, colon);
            ReadVariables(argument, argumentOffset, read, At);
            return;
        }
        if (TrySplitIndexed(prefix, "COUNTER", out var counter))
        {
            if (counter is < 1 or > 15)
                Malformed("COUNTERn", $"counter {counter} does not exist", "use COUNTER1 to COUNTER15", 0, colon);
            if (!IsInteger(argument) && !IsSingleVariable(argument))
                Malformed("COUNTERn", $"'{argument}' is not a whole number or a call variable", "write COUNTER1:34 or COUNTER2:$KEY", argumentOffset, argument.Length);
            ReadVariables(argument, argumentOffset, read, At);
            return;
        }

        switch (prefix)
        {
            case "INCCOUNTER" or "DECCOUNTER" or "CLEARCOUNTER":
            {
                var (kind, _, index, _) = Symbols.CallVariables.Classify(argument.Trim());
                if (kind != Symbols.CallVariables.Kind.Counter)
                    Malformed(prefix, $"'{argument}' is not a counter", $"write {prefix}:$COUNTER1 (counters 1 to 15)", argumentOffset, argument.Length);
                _ = index;
                return;
            }
            case "EVAL":
            {
                if (!SplitAssignment(argument, out var target, out var expression, out var equals))
                {
                    Malformed("EVAL", "it has no '$Variable=' target", "write EVAL:$CP0=$CP1+$CP2+5", argumentOffset, argument.Length);
                    return;
                }
                write(new CommandVariable(target, At(argumentOffset, target.Length)));
                var error = new ExpressionChecker(expression).Check(out var errorOffset);
                if (error is not null)
                    diagnostics.Report(DiagnosticDescriptors.InvalidExpression, source, At(argumentOffset + equals + 1 + errorOffset, 1), error);
                ReadVariables(expression, argumentOffset + equals + 1, read, At);
                return;
            }
            case "STRING":
            {
                if (!SplitAssignment(argument, out var target, out var expression, out var equals))
                {
                    Malformed("STRING", "it has no '$Variable=' target", "write STRING:$CP1=mid($CP0,3,3)", argumentOffset, argument.Length);
                    return;
                }
                write(new CommandVariable(target, At(argumentOffset, target.Length)));
                var open = expression.IndexOf('(');
                var functionOffset = argumentOffset + equals + 1;
                if (open <= 0 || !expression.EndsWith(')'))
                {
                    Malformed("STRING", "the value must be a function call", "write STRING:$CP1=left($CLI,4)", functionOffset, expression.Length);
                    return;
                }
                var function = expression[..open].Trim();
                if (!StringFunctions.TryGetValue(function, out var arity))
                {
                    diagnostics.Report(DiagnosticDescriptors.UnknownStringFunction, source, At(functionOffset, open), function);
                    return;
                }
                var arguments = expression[(open + 1)..^1].Split(',');
                if (arguments.Length != arity || arguments.Any(a => a.Trim().Length == 0))
                {
                    Malformed("STRING", $"{function}() takes {arity} argument{(arity == 1 ? "" : "s")}",
                        arity switch { 3 => "write mid(value,position,count)", 2 => $"write {function}(value,count)", _ => $"write {function}(value)" },
                        functionOffset, expression.Length);
                    return;
                }
                for (var i = 1; i < arguments.Length; i++)
                {
                    if (!IsInteger(arguments[i]) && !IsSingleVariable(arguments[i]))
                        Malformed("STRING", $"'{arguments[i].Trim()}' is not a whole number or a call variable", "positions and counts are whole numbers", functionOffset, expression.Length);
                }
                ReadVariables(expression, functionOffset, read, At);
                return;
            }
            case "FWD":
            {
                // FWD:201#202#203## forwards the last recording to each mailbox; the list ends with ##.
                var body = argument.EndsWith("##", StringComparison.Ordinal) ? argument[..^2] : null;
                if (body is null || body.Length == 0 || body.Split('#').Any(m => m.Length == 0 || !m.All(char.IsAsciiDigit)))
                    Malformed("FWD", "it must list mailbox numbers separated by '#' and end with '##'", "write FWD:201#202##", argumentOffset, argument.Length);
                return;
            }
            case "PRIORITY":
                if (argument.Trim() is not ("1" or "2" or "3") && !IsSingleVariable(argument))
                    Malformed("PRIORITY", $"'{argument}' is not a priority", "write PRIORITY:1 (low), 2 (medium) or 3 (high), or a call variable", argumentOffset, argument.Length);
                ReadVariables(argument, argumentOffset, read, At);
                return;
            case "SAVE":
                if (argument.Trim().Length == 0)
                    Malformed("SAVE", "it has no name to save under", "write SAVE:$KEY", argumentOffset, 1);
                ReadVariables(argument, argumentOffset, read, At);
                return;
            default:
                var suggestion = Suggestions.Closest(prefix.ToUpperInvariant(), Prefixes);
                diagnostics.Report(DiagnosticDescriptors.UnknownCommand, source, At(0, colon), prefix,
                    suggestion is not null ? $"did you mean '{suggestion}:'?" : "use CPx:, COUNTERn:, INCCOUNTER:, DECCOUNTER:, CLEARCOUNTER:, EVAL:, STRING:, FWD:, PRIORITY: or SAVE:");
                return;
        }
    }

    private static bool TrySplitIndexed(string prefix, string head, out int index)
    {
        index = -1;
        if (!prefix.StartsWith(head, StringComparison.Ordinal) || prefix.Length == head.Length || prefix.Length > head.Length + 3)
            return false;
        return int.TryParse(prefix.AsSpan(head.Length), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static bool SplitAssignment(string argument, out string target, out string expression, out int equals)
    {
        equals = argument.IndexOf('=');
        target = equals > 0 ? argument[..equals].Trim() : "";
        expression = equals > 0 ? argument[(equals + 1)..] : "";
        return equals > 0 && target.StartsWith('$') && target.Length > 1;
    }

    private static bool IsInteger(string text) => text.Trim() is { Length: > 0 } t && (t[0] == '-' ? t[1..] : t) is { Length: > 0 } d && d.All(char.IsAsciiDigit);

    private static bool IsSingleVariable(string text) => text.Trim() is { Length: > 1 } t && t[0] == '$' && VariableScanner.Scan("\"" + t).Count() == 1;

    private static void ReadVariables(string text, int offset, Action<CommandVariable> read, Func<int, int, TextSpan> at)
    {
        foreach (var (name, position) in VariableScanner.Scan("\"" + text))
            read(new CommandVariable(name, at(offset + position - 1, name.Length)));
    }

    /// <summary>EVAL's arithmetic: numbers, call variables, ( ), unary minus and + - * / % ^ (^ is bitwise XOR).</summary>
    private sealed class ExpressionChecker(string text)
    {
        private int _position;
        private int _depth;

        public string? Check(out int errorOffset)
        {
            var error = Expression();
            SkipSpaces();
            if (error is null && _position < text.Length)
                error = $"unexpected '{text[_position]}'";
            errorOffset = Math.Min(_position, Math.Max(0, text.Length - 1));
            return error;
        }

        private string? Expression()
        {
            if (++_depth > 32)
                return "too deeply nested";
            var error = Operand();
            while (error is null)
            {
                SkipSpaces();
                if (_position >= text.Length || "+-*/%^".IndexOf(text[_position]) < 0)
                    break;
                _position++;
                error = Operand();
            }
            _depth--;
            return error;
        }

        private string? Operand()
        {
            SkipSpaces();
            if (_position >= text.Length)
                return "an operand is missing at the end";
            var c = text[_position];
            if (c == '-')
            {
                _position++;
                return Operand();
            }
            if (c == '(')
            {
                _position++;
                var error = Expression();
                if (error is not null)
                    return error;
                SkipSpaces();
                if (_position >= text.Length || text[_position] != ')')
                    return "a ')' is missing";
                _position++;
                return null;
            }
            if (char.IsAsciiDigit(c))
            {
                while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '.'))
                    _position++;
                return null;
            }
            if (c == '$')
            {
                // The same rule as VariableScanner and the runtime: a letter or '_', then letters, digits, '_', and an optional [index].
                _position++;
                if (_position >= text.Length || !(char.IsAsciiLetter(text[_position]) || text[_position] == '_'))
                    return "'$' must be followed by a variable name";
                while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] == '_'))
                    _position++;
                if (_position < text.Length && text[_position] == '[')
                {
                    var close = text.IndexOf(']', _position);
                    if (close < 0)
                        return "a ']' is missing";
                    _position = close + 1;
                }
                return null;
            }
            return $"unexpected '{c}'";
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && text[_position] == ' ')
                _position++;
        }
    }
}
