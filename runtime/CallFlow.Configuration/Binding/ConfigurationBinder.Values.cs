using System.Globalization;
using System.Text.Json;
using CallFlow.Configuration.Json;

namespace CallFlow.Configuration.Binding;

internal sealed partial class ConfigurationBinder
{
    private bool ReadBool(ObjectScope scope, string key, bool fallback)
    {
        if (scope[key] is not { } property)
            return fallback;
        if (property.Value is ConfigScalar { Type: JsonTokenType.True or JsonTokenType.False } scalar)
            return scalar.Type == JsonTokenType.True;
        WrongType(property.Value, scope.PathOf(key), "true or false",
            property.Value is ConfigScalar { Type: JsonTokenType.String, Text: "true" or "false" } s ? $"write it without quotes: {s.Text}" : null);
        return fallback;
    }

    /// <summary>A whole number in [min, max]; <paramref name="mode"/> (" in Intuity mode") is named when the range depends on it.</summary>
    private int ReadInt(ObjectScope scope, string key, int fallback, int min, int max, string unit, string mode = "")
    {
        if (scope[key] is not { } property)
            return fallback;
        var path = scope.PathOf(key);
        if (property.Value is not ConfigScalar { Type: JsonTokenType.Number } scalar)
        {
            var quoted = property.Value is ConfigScalar { Type: JsonTokenType.String } s && long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            WrongType(property.Value, path, $"a whole number of {unit}", quoted ? "write the number without quotes" : null);
            return fallback;
        }
        if (!long.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            _sink.Error(scalar.Offset, path, ConfigurationCodes.InvalidValue, $"{key} must be a whole number of {unit}; found {scalar.Text}");
            return fallback;
        }
        if (value < min || value > max)
        {
            _sink.Error(scalar.Offset, path, ConfigurationCodes.OutOfRange, $"{key} must be between {min} and {max} {unit}{mode}; found {scalar.Text}");
            return fallback;
        }
        return (int)value;
    }

    /// <summary>A string, or null when absent or null.</summary>
    private string? ReadString(ObjectScope scope, string key, string? hintForNumbers = null)
    {
        if (scope[key] is not { } property)
            return null;
        return property.Value switch
        {
            ConfigScalar { Type: JsonTokenType.String } scalar => scalar.Text,
            ConfigScalar { Type: JsonTokenType.Null } => null,
            var other => Report(other),
        };

        string? Report(ConfigNode value)
        {
            WrongType(value, scope.PathOf(key), "a string in quotes",
                value is ConfigScalar { Type: JsonTokenType.Number } number && hintForNumbers is not null ? string.Format(CultureInfo.InvariantCulture, hintForNumbers, number.Text) : null);
            return null;
        }
    }

    /// <summary>One of the given lower-case words; <paramref name="what"/> names the setting in a message ("a playback order").</summary>
    private T ReadChoice<T>(ObjectScope scope, string key, T fallback, IReadOnlyList<(string Text, T Value)> options, string what)
    {
        if (scope[key] is not { } property)
            return fallback;
        var path = scope.PathOf(key);
        var words = options.Select(o => o.Text).ToList();
        var list = string.Join(", ", words.Select(w => $"\"{w}\""));
        if (property.Value is not ConfigScalar { Type: JsonTokenType.String } scalar)
        {
            WrongType(property.Value, path, $"one of {list}");
            return fallback;
        }
        foreach (var (text, value) in options)
        {
            if (string.Equals(text, scalar.Text, StringComparison.Ordinal))
                return value;
        }
        _sink.Error(scalar.Offset, path, ConfigurationCodes.InvalidValue,
            $"'{scalar.Text}' is not {what}{Suggestions.DidYouMean(scalar.Text, words)}", $"write one of {list}");
        return fallback;
    }

    /// <summary>
    /// A dialable number (digits, and '*' or '#' when <paramref name="dialString"/>) of at most <paramref name="maxLength"/>
    /// characters. Null when absent or null; "" only when <paramref name="allowEmpty"/>. Numbers are strings in the
    /// file because JSON numbers lose leading zeros.
    /// </summary>
    private string? ReadNumber(ObjectScope scope, string key, int maxLength, bool dialString, bool allowEmpty)
    {
        var text = ReadString(scope, key, "write it in quotes, \"{0}\": numbers with leading zeros only survive as strings");
        if (text is null)
            return null;
        if (text.Length == 0)
            return allowEmpty ? "" : null;
        var what = dialString ? "digits, '*' and '#'" : "digits";
        if (text.Length > maxLength || !text.All(c => char.IsAsciiDigit(c) || (dialString && c is '*' or '#')))
        {
            _sink.Error(scope[key]!.Value.Offset, scope.PathOf(key), ConfigurationCodes.InvalidValue,
                $"'{text}' is not a valid {key}: use 1 to {maxLength} {what}");
            return null;
        }
        return text;
    }
}
