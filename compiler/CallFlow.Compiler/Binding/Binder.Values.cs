using System.Collections.Immutable;
using System.Globalization;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Symbols;
using CallFlow.Vmp;
using CallFlow.Compiler.Syntax;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

internal sealed partial class Binder
{
    /// <summary>Voicemail Pro caps every variable value at 512 characters (4.2+), so longer literals can never be held.</summary>
    public const int ValueLimit = 512;

    private ImmutableArray<BoundSetting> BindSettings(FlowContext context, ActionDefinition definition, ActionSyntax syntax)
    {
        var written = new List<(SettingDefinition Definition, ImmutableArray<ValueSyntax> Values, TextSpan Span)>();

        if (syntax.Arguments.Length > 0)
        {
            if (definition.Positional.IsEmpty)
            {
                _diagnostics.Report(DiagnosticDescriptors.UnexpectedArgument, context.At(syntax.Arguments[0].Span), definition.Name,
                    definition.Settings.Length > 4 ? $"write settings inside braces: {definition.Name} {{ {definition.Settings[4].Name} {definition.Settings[4].Example} }}" : "remove the argument");
            }
            else if (syntax.Arguments.Length > definition.Positional.Length)
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidArgumentCount, context.At(syntax.Arguments[definition.Positional.Length].Span),
                    $"'{definition.Name}'", Plural(definition.Positional.Length, "argument") + $" ({string.Join(", ", definition.Positional)})",
                    syntax.Arguments.Length, "put further settings inside braces");
            }
            for (var i = 0; i < Math.Min(syntax.Arguments.Length, definition.Positional.Length); i++)
                written.Add((definition.FindSetting(definition.Positional[i])!, [syntax.Arguments[i]], syntax.Arguments[i].Span));
        }

        foreach (var setting in syntax.Body.OfType<SettingSyntax>())
        {
            var settingDefinition = definition.FindSetting(setting.Name.Text);
            if (settingDefinition is null)
            {
                var names = definition.Settings.Select(s => s.Name).ToList();
                var hint = SuggestClosest(setting.Name.Text, names) is { } closest
                    ? $"did you mean '{closest}'?"
                    : setting.Name.Text is "key" or "case" or "on"
                        ? "this is a keyword"
                        : $"its settings are: {string.Join(", ", names)}";
                _diagnostics.Report(DiagnosticDescriptors.UnknownSetting, context.At(setting.Name.Span), definition.Name, setting.Name.Text, hint);
                continue;
            }
            written.Add((settingDefinition, setting.Values, setting.Span));
        }

        var bound = ImmutableArray.CreateBuilder<BoundSetting>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (settingDefinition, values, span) in written)
        {
            if (!seen.Add(settingDefinition.Name) && !settingDefinition.Repeatable)
            {
                _diagnostics.Report(DiagnosticDescriptors.DuplicateSetting, context.At(span), settingDefinition.Name);
                continue;
            }
            if (values.IsEmpty)
            {
                _diagnostics.Report(DiagnosticDescriptors.WrongValueType, context.At(span), settingDefinition.Name, KindDescription(settingDefinition),
                    "nothing", settingDefinition.Example);
                continue;
            }
            if (values.Length > 1 && !settingDefinition.Repeatable)
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidArgumentCount, context.At(values[1].Span), $"setting '{settingDefinition.Name}'", "one value",
                    values.Length, $"for example: {settingDefinition.Name} {settingDefinition.Example}");
                continue;
            }
            var boundValues = ImmutableArray.CreateBuilder<BoundValue>();
            foreach (var value in values)
            {
                if (BindValue(context, definition, settingDefinition, value) is { } boundValue)
                    boundValues.Add(boundValue);
            }
            var existing = bound.Select((b, i) => (b, i)).FirstOrDefault(p => p.b.Definition.Name == settingDefinition.Name, (null!, -1)).i;
            if (existing >= 0)
                bound[existing] = bound[existing] with { Values = bound[existing].Values.AddRange(boundValues) };
            else
                bound.Add(new BoundSetting(settingDefinition, boundValues.ToImmutable(), context.At(span)));
        }

        foreach (var required in definition.Settings.Where(s => s.Required && !seen.Contains(s.Name)))
            _diagnostics.Report(DiagnosticDescriptors.MissingSetting, context.At(syntax.Kind.Span), definition.Name, required.Name, required.Example);

        return bound.ToImmutable();
    }

    private BoundValue? BindValue(FlowContext context, ActionDefinition action, SettingDefinition setting, ValueSyntax value)
    {
        var at = context.At(value.Span);
        if (value is ErrorValueSyntax)
            return null;

        BoundValue? WrongType()
        {
            _diagnostics.Report(DiagnosticDescriptors.WrongValueType, at, setting.Name, KindDescription(setting), Describe(value), setting.Example);
            return null;
        }

        switch (setting.Kind)
        {
            case ValueKind.Text:
            case ValueKind.Email:
                switch (value)
                {
                    case StringValueSyntax s:
                        CheckLength(at, setting, s.Value);
                        if (setting.Kind == ValueKind.Email && !s.Value.Contains('@') && !s.Value.Contains('$'))
                            return WrongType();
                        return new BoundText(s.Value, BindTextVariables(context, s), at);
                    case NumberValueSyntax n:
                        return new BoundText(n.Text, [], at);
                    case VariableValueSyntax v when v.Text != "$":
                        return BindVariable(context, v);
                    default:
                        return WrongType();
                }

            case ValueKind.Command:
                if (value is not StringValueSyntax command)
                    return WrongType();
                CheckLength(at, setting, command.Value, "Voicemail Pro's free-format command field holds 128 characters");
                GenericCommandChecker.Check(command, context.Source, _diagnostics, v => CheckVariableName(context.At(v.Span), v.Text, assign: false),
                    v => CheckVariableName(context.At(v.Span), v.Text, assign: true));
                return new BoundText(command.Value, BindTextVariables(context, command), at);

            case ValueKind.Integer:
                if (value is not NumberValueSyntax number || !long.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
                    return WrongType();
                if (integer < setting.Min || integer > setting.Max)
                {
                    _diagnostics.Report(DiagnosticDescriptors.ValueOutOfRange, at, setting.Name, number.Text, $"{setting.Min} to {setting.Max}");
                    return null;
                }
                return new BoundNumber(integer, at);

            case ValueKind.Duration:
            {
                long milliseconds;
                if (value is DurationValueSyntax duration)
                    milliseconds = duration.Milliseconds;
                else if (value is NumberValueSyntax seconds && long.TryParse(seconds.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s < long.MaxValue / 1000)
                    milliseconds = s * 1000; // a bare number is seconds, as in the Voicemail Pro client
                else
                    return WrongType();
                if (milliseconds < setting.Min || milliseconds > setting.Max)
                {
                    _diagnostics.Report(DiagnosticDescriptors.ValueOutOfRange, at, setting.Name, value is DurationValueSyntax d ? d.Text : ((NumberValueSyntax)value).Text + "s",
                        $"{FormatDuration(setting.Min)} to {FormatDuration(setting.Max)}");
                    return null;
                }
                return new BoundDuration(milliseconds, at);
            }

            case ValueKind.Boolean:
                return value switch
                {
                    BooleanValueSyntax b => new BoundBoolean(b.Value, at),
                    NameValueSyntax { Name: "yes" or "on" } => new BoundBoolean(true, at),
                    NameValueSyntax { Name: "no" or "off" } => new BoundBoolean(false, at),
                    _ => WrongType(),
                };

            case ValueKind.Enum:
            {
                var name = value switch { NameValueSyntax n => n.Name, StringValueSyntax s => s.Value, _ => null };
                if (value is VariableValueSyntax variable && variable.Text != "$")
                    return BindVariable(context, variable);
                if (name is null)
                    return WrongType();
                if (!setting.Values.Contains(name))
                {
                    _diagnostics.Report(DiagnosticDescriptors.UnknownEnumValue, at, name, setting.Name, string.Join(", ", setting.Values));
                    return null;
                }
                return new BoundName(name, at);
            }

            case ValueKind.Mailbox:
                switch (value)
                {
                    case NameValueSyntax { Name: "caller" }:
                        return new BoundMailbox(true, null, null, at);
                    case StringValueSyntax { Value: "?" } when action.Name == "assisted_transfer":
                        return new BoundMailbox(false, "?", null, at);
                    case StringValueSyntax s when s.Value.Contains('$'):
                        BindTextVariables(context, s);
                        return new BoundMailbox(false, s.Value, null, at);
                    case StringValueSyntax s:
                        ValidateMailboxName(context.Source, s, s.Value);
                        return new BoundMailbox(false, s.Value, null, at);
                    case NumberValueSyntax n:
                        return new BoundMailbox(false, n.Text, null, at);
                    case VariableValueSyntax v when v.Text != "$":
                        BindVariable(context, v);
                        return new BoundMailbox(false, null, v.Text, at);
                    default:
                        return WrongType();
                }

            case ValueKind.Prompt:
                return BindPrompt(context, setting, value, at);

            case ValueKind.WaveFile:
                // A recorded file only: "$" (the last recording) is meaningful for an attachment, not for a file to record.
                if (value is VariableValueSyntax { Text: "$" } or StringValueSyntax { Value: "$" })
                    return setting.Name == "attach" ? new BoundPrompt(PromptKind.Recording, "$", [], at) : WrongType();
                return value is StringValueSyntax ? BindPrompt(context, setting, value, at) : WrongType();

            case ValueKind.Language:
            {
                if (value is VariableValueSyntax variable && variable.Text != "$")
                    return BindVariable(context, variable);
                var code = value switch { NameValueSyntax n => n.Name, StringValueSyntax s => s.Value, _ => null };
                if (code is null)
                    return WrongType();
                if (!PromptLanguages.All.ContainsKey(code))
                {
                    var byName = PromptLanguages.All.FirstOrDefault(l => string.Equals(l.Value.Name, code, StringComparison.OrdinalIgnoreCase));
                    _diagnostics.Report(DiagnosticDescriptors.UnknownLanguage, at, code, byName.Key is not null
                        ? $"write the language's folder code: '{byName.Key}'"
                        : Suggest(code, PromptLanguages.All.Keys.Order(StringComparer.Ordinal), $"use one of: {string.Join(", ", PromptLanguages.All.Keys.Order(StringComparer.Ordinal))}"));
                    return null;
                }
                return new BoundName(code, at);
            }

            case ValueKind.Pin:
            {
                if (value is VariableValueSyntax variable)
                    return variable.Text == "$" ? new BoundVariable("$", at) : BindVariable(context, variable);
                var text = value switch { StringValueSyntax s => s.Value, NumberValueSyntax n => n.Text, _ => null };
                if (text is null)
                    return WrongType();
                var allowed = setting.Name == "cancel_code" ? "0123456789*#" : "0123456789";
                if (text == "$" || text.StartsWith('$'))
                    return value is StringValueSyntax sv ? new BoundText(text, BindTextVariables(context, sv), at) : new BoundText(text, [], at);
                if (text.Length == 0 || text.Any(c => !allowed.Contains(c)))
                {
                    _diagnostics.Report(DiagnosticDescriptors.InvalidDtmf, at, text, setting.Name == "cancel_code" ? "cancel code" : "PIN",
                        setting.Name == "cancel_code" ? "use up to 4 of the keys 0-9, * and #" : "use digits only, $ for the mailbox's voicemail code, or a call variable");
                    return null;
                }
                CheckLength(at, setting, text);
                return new BoundText(text, [], at);
            }

            case ValueKind.Number:
                switch (value)
                {
                    case StringValueSyntax s when s.Value.Trim().Length == 0:
                        return WrongType();
                    case StringValueSyntax s:
                        CheckLength(at, setting, s.Value);
                        return new BoundText(s.Value, BindTextVariables(context, s), at);
                    case NumberValueSyntax n:
                        CheckLength(at, setting, n.Text);
                        return new BoundText(n.Text, [], at);
                    case VariableValueSyntax v when v.Text != "$":
                        return BindVariable(context, v);
                    default:
                        return WrongType();
                }

            case ValueKind.TimeOfDay:
                if (value is VariableValueSyntax timeVariable && timeVariable.Text != "$")
                    return BindVariable(context, timeVariable);
                if (value is not TimeValueSyntax time)
                    return WrongType();
                if (ParseTime(time.Text, allow24: false) is not { } minutes)
                {
                    _diagnostics.Report(DiagnosticDescriptors.InvalidTime, at, time.Text);
                    return null;
                }
                return new BoundTimeOfDay(minutes, at);

            case ValueKind.Weekday:
                if (value is NameValueSyntax { Name: "today" })
                    return new BoundName("today", at);
                if (value is not NameValueSyntax day)
                    return WrongType();
                if (ParseWeekday(day.Name) is not { } dayIndex)
                {
                    _diagnostics.Report(DiagnosticDescriptors.InvalidWeekday, at, day.Name);
                    return null;
                }
                return new BoundName(Weekdays[dayIndex], at);

            case ValueKind.ConditionName:
                if (value is not NameValueSyntax condition)
                    return WrongType();
                if (!_conditions.ContainsKey(condition.Name))
                {
                    _diagnostics.Report(DiagnosticDescriptors.UndefinedCondition, at, condition.Name,
                        Suggest(condition.Name, _conditions.Keys, $"declare it: condition {condition.Name} = weekly(Mon-Fri 09:00-17:00)"));
                    return null;
                }
                return new BoundName(condition.Name, at);

            case ValueKind.UserVariableName:
                if (value is not NameValueSyntax userVariable)
                    return WrongType();
                if (!_userVariables.ContainsKey(userVariable.Name))
                {
                    _diagnostics.Report(DiagnosticDescriptors.UndefinedUserVariable, at, userVariable.Name);
                    return null;
                }
                return new BoundName(userVariable.Name, at);

            case ValueKind.Variable:
                return value is VariableValueSyntax v2 && v2.Text != "$" ? BindVariable(context, v2) : WrongType();

            case ValueKind.ModuleName:
                if (value is not NameValueSyntax module)
                    return WrongType();
                if (!_modules.ContainsKey(module.Name))
                {
                    _diagnostics.Report(DiagnosticDescriptors.UndefinedModule, at, module.Name,
                        Suggest(module.Name, _modules.Keys, $"declare it: module {module.Name} {{ ... }}"));
                    return null;
                }
                return new BoundName(module.Name, at);

            case ValueKind.FlowTarget:
                switch (value)
                {
                    case NameValueSyntax target:
                        if (!_modules.ContainsKey(target.Name))
                        {
                            _diagnostics.Report(DiagnosticDescriptors.UndefinedModule, at, target.Name,
                                Suggest(target.Name, _modules.Keys, "goto takes a module name, or a start point address in quotes such as \"Default.Leave\""));
                            return null;
                        }
                        return new BoundName(target.Name, at);
                    case StringValueSyntax address:
                        if (!_startPoints.ContainsKey(address.Value))
                        {
                            _diagnostics.Report(DiagnosticDescriptors.UndefinedStartPoint, at, address.Value,
                                Suggest(address.Value, _startPoints.Keys, $"start points here: {Suggestions.List(_startPoints.Keys.Order(StringComparer.Ordinal))}"));
                            return null;
                        }
                        return new BoundName(address.Value, at);
                    default:
                        return WrongType();
                }

            case ValueKind.Identifier:
            {
                var name = value switch { NameValueSyntax n => n.Name, StringValueSyntax { Value.Length: > 0 } s => s.Value, _ => null };
                if (name is null)
                    return WrongType();
                if (name.Length > setting.MaxLength)
                    _diagnostics.Report(DiagnosticDescriptors.NameTooLong, at, "exit name", name, name.Length, setting.MaxLength, "use a shorter name");
                return new BoundName(name, at);
            }

            default:
                return WrongType();
        }
    }

    private BoundValue? BindPrompt(FlowContext context, SettingDefinition setting, ValueSyntax value, SourceLocation at)
    {
        switch (value)
        {
            case StringValueSyntax { Value: "$" } or VariableValueSyntax { Text: "$" }:
                return new BoundPrompt(PromptKind.Recording, "$", [], at);
            case StringValueSyntax file:
            {
                var variables = BindTextVariables(context, file);
                var path = file.Value;
                string? problem = null;
                if (path.Length == 0)
                    problem = "is empty";
                else if (path.StartsWith('/') || path.StartsWith('\\') || (path.Length > 1 && path[1] == ':'))
                    problem = "is an absolute path";
                else if (path.Split('/', '\\').Any(part => part == ".."))
                    problem = "leaves the prompts folder with '..'";
                else if (!path.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
                    problem = "is not a .wav file";
                if (problem is not null)
                {
                    _diagnostics.Report(DiagnosticDescriptors.InvalidPromptPath, at, path, problem);
                    return null;
                }
                return new BoundPrompt(PromptKind.File, path, variables, at);
            }
            case VariableValueSyntax variable when variable.Text != "$":
                BindVariable(context, variable);
                return new BoundPrompt(PromptKind.Digits, variable.Text, [variable.Text], at);
            case CallValueSyntax call:
            {
                var function = call.Function.Text;
                if (function is not ("system" or "tts" or "digits"))
                {
                    _diagnostics.Report(DiagnosticDescriptors.WrongValueType, at, setting.Name, KindDescription(setting), $"{function}(...)", setting.Example);
                    return null;
                }
                if (call.Arguments.Length != 1)
                {
                    _diagnostics.Report(DiagnosticDescriptors.InvalidArgumentCount, at, $"{function}()", "one argument", call.Arguments.Length,
                        function == "system" ? "for example: system(welcome)" : $"for example: {function}(\"...\")");
                    return null;
                }
                var argument = call.Arguments[0];
                switch (function)
                {
                    case "system":
                    {
                        var name = argument switch { NameValueSyntax n => n.Name, StringValueSyntax s => s.Value, _ => null };
                        if (name is null || !SystemPrompts.All.ContainsKey(name))
                        {
                            _diagnostics.Report(DiagnosticDescriptors.UnknownSystemPrompt, context.At(argument.Span), name ?? Describe(argument),
                                Suggest(name ?? "", SystemPrompts.All.Keys, "see the system prompt list in docs/language.md, or use tts(\"...\") or a recorded .wav file"));
                            return null;
                        }
                        return new BoundPrompt(PromptKind.System, name, [], at);
                    }
                    case "tts":
                        if (argument is not StringValueSyntax text)
                            return WrongPromptArgument(at, function, argument);
                        CheckLength(at, setting, text.Value);
                        return new BoundPrompt(PromptKind.Speech, text.Value, BindTextVariables(context, text), at);
                    default:
                        switch (argument)
                        {
                            case StringValueSyntax digits:
                                return new BoundPrompt(PromptKind.Digits, digits.Value, BindTextVariables(context, digits), at);
                            case NumberValueSyntax number:
                                return new BoundPrompt(PromptKind.Digits, number.Text, [], at);
                            case VariableValueSyntax v when v.Text != "$":
                                BindVariable(context, v);
                                return new BoundPrompt(PromptKind.Digits, v.Text, [v.Text], at);
                            default:
                                return WrongPromptArgument(at, function, argument);
                        }
                }
            }
            default:
                _diagnostics.Report(DiagnosticDescriptors.WrongValueType, at, setting.Name, KindDescription(setting), Describe(value), setting.Example);
                return null;
        }
    }

    private BoundValue? WrongPromptArgument(SourceLocation at, string function, ValueSyntax argument)
    {
        _diagnostics.Report(DiagnosticDescriptors.WrongValueType, at, $"{function}()", function == "tts" ? "a string" : "a string, number or variable",
            Describe(argument), function == "tts" ? "tts(\"Hello\")" : "digits($CLI)");
        return null;
    }

    private void BindCaseValue(FlowContext context, ValueSyntax test)
    {
        switch (test)
        {
            case VariableValueSyntax v when v.Text != "$":
                BindVariable(context, v);
                break;
            case StringValueSyntax s:
                BindTextVariables(context, s);
                break;
            case NumberValueSyntax:
                break;
            case NameValueSyntax { Name: "extension" or "hunt_group" or "mailbox" }:
                break;
            default:
                _diagnostics.Report(DiagnosticDescriptors.WrongValueType, context.At(test.Span), "case", "a string, number, call variable, extension, hunt_group or mailbox",
                    Describe(test), "\"201\"");
                break;
        }
    }

    private BoundVariable BindVariable(FlowContext context, VariableValueSyntax variable)
    {
        CheckVariableName(context.At(variable.Span), variable.Text, assign: false);
        return new BoundVariable(variable.Text, context.At(variable.Span));
    }

    /// <summary>Finds the $VARIABLES in a string (\$ is a literal dollar) and checks each one.</summary>
    private ImmutableArray<string> BindTextVariables(FlowContext context, StringValueSyntax text)
    {
        var found = ImmutableArray.CreateBuilder<string>();
        foreach (var (name, offset) in VariableScanner.Scan(text.RawText))
        {
            CheckVariableName(context.At(new TextSpan(text.Span.Start + offset, name.Length)), name, assign: false);
            found.Add(name);
        }
        return found.ToImmutable();
    }

    private void CheckVariableName(SourceLocation at, string text, bool assign)
    {
        var (kind, name, _, writable) = CallVariables.Classify(text);
        switch (kind)
        {
            case CallVariables.Kind.UserVariable:
                if (!_userVariables.ContainsKey(name))
                    _diagnostics.Report(DiagnosticDescriptors.UndefinedUserVariable, at, name);
                else if (assign)
                    _diagnostics.Report(DiagnosticDescriptors.NotWritableVariable, at, text, $"user variables are changed with set_user_variable {name}, \"value\"");
                break;
            case CallVariables.Kind.Unknown:
                var candidates = CallVariables.Named.Keys.Select(k => "$" + k).Concat(["$CP0", "$COUNTER1", "$DBD0"]).ToList();
                var upper = candidates.FirstOrDefault(c => c == text.ToUpperInvariant());
                _diagnostics.Report(DiagnosticDescriptors.UnknownVariable, at, text, upper is not null
                    ? $"call variables are upper case: write {upper} (write \\$ for a literal dollar sign)"
                    : Suggest(text, candidates, "see the call variable table in docs/language.md; keep your own values in $CP0..$CP15, $VAR or a uservar"));
                break;
            default:
                if (assign && !writable)
                    _diagnostics.Report(DiagnosticDescriptors.NotWritableVariable, at, text, "it is set by the system; store the value in $CP0..$CP15 or $VAR instead");
                break;
        }
    }

    private void CheckLength(SourceLocation at, SettingDefinition setting, string text, string? hint = null)
    {
        if (text.Length > setting.MaxLength)
            _diagnostics.Report(DiagnosticDescriptors.ValueTooLong, at, $"setting '{setting.Name}'", text.Length, setting.MaxLength,
                hint ?? (setting.MaxLength == ValueLimit ? "Voicemail Pro variables hold at most 512 characters" : "shorten it"));
    }

    internal static string Describe(ValueSyntax value) => value switch
    {
        StringValueSyntax s => $"string \"{(s.Value.Length > 24 ? s.Value[..21] + "..." : s.Value)}\"",
        NumberValueSyntax n => $"number {n.Text}",
        DurationValueSyntax d => $"duration {d.Text}",
        TimeValueSyntax t => $"time {t.Text}",
        DateValueSyntax d => $"date {d.Text}",
        VariableValueSyntax v => $"variable {v.Text}",
        BooleanValueSyntax b => b.Value ? "true" : "false",
        NameValueSyntax n => $"name '{n.Name}'",
        CallValueSyntax c => $"{c.Function.Text}(...)",
        ListValueSyntax => "a list",
        _ => "an invalid value",
    };

    private static string KindDescription(SettingDefinition setting) => setting.Kind switch
    {
        ValueKind.Text => "text",
        ValueKind.Email => "an e-mail address",
        ValueKind.Command => "a command string",
        ValueKind.Integer => "a whole number",
        ValueKind.Duration => "a duration",
        ValueKind.Boolean => "true or false",
        ValueKind.Enum => $"one of {string.Join(", ", setting.Values)}",
        ValueKind.Mailbox => "caller, a mailbox name or a call variable",
        ValueKind.Prompt => "a prompt (\"file.wav\", system(name), tts(\"text\"), digits(value) or a variable)",
        ValueKind.WaveFile => setting.Name == "attach" ? "$ (the last recording) or a \".wav\" file" : "a \".wav\" file",
        ValueKind.Language => "a prompt language code",
        ValueKind.Pin => "a PIN",
        ValueKind.Number => "a number, extension or call variable",
        ValueKind.TimeOfDay => "a time of day",
        ValueKind.Weekday => "a weekday",
        ValueKind.ConditionName => "a condition name",
        ValueKind.UserVariableName => "a user variable name",
        ValueKind.Variable => "a call variable",
        ValueKind.ModuleName => "a module name",
        ValueKind.FlowTarget => "a module name or start point address",
        ValueKind.Identifier => "a name",
        _ => setting.Kind.ToString(),
    };

    private static string FormatDuration(long milliseconds) =>
        milliseconds % 60_000 == 0 && milliseconds >= 60_000 ? $"{milliseconds / 60_000}m"
        : milliseconds % 1000 == 0 ? $"{milliseconds / 1000}s" : $"{milliseconds}ms";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
