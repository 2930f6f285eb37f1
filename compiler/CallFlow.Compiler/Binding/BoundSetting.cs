using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

public sealed record BoundSetting(SettingDefinition Definition, ImmutableArray<BoundValue> Values, SourceLocation Location);
