namespace CallFlow.Compiler.Diagnostics;

/// <summary>
/// Every diagnostic code CallFlow can report. Ranges by stage: VF0xxx syntax, VF1xxx names and binding,
/// VF2xxx flow checks, VF3xxx conditions, VF4xxx generic commands, VF5xxx loading, VF6xxx runtime,
/// VF9xxx internal. A number is never reused: a retired code stays here as a comment saying why.
/// Each code has a page in docs/diagnostics/ that a test holds to this table.
/// </summary>
public static class DiagnosticDescriptors
{
    private static DiagnosticDescriptor Error(int n, string name, string message, string? hint) => new(n, name, Severity.Error, message, hint);
    private static DiagnosticDescriptor Warning(int n, string name, string message, string? hint) => new(n, name, Severity.Warning, message, hint);

    // VF0xxx: syntax
    public static readonly DiagnosticDescriptor UnexpectedCharacter = Error(1, "UnexpectedCharacter",
        "unexpected character '{0}'", "remove it, or put it inside a quoted string");
    public static readonly DiagnosticDescriptor SyntaxError = Error(2, "SyntaxError",
        "unexpected {0}; expected {1}", "{2}");
    public static readonly DiagnosticDescriptor UnterminatedString = Error(3, "UnterminatedString",
        "string is not closed before the end of the line", "add a closing '\"'; write \\\" for a quote inside the string");
    public static readonly DiagnosticDescriptor UnterminatedComment = Error(4, "UnterminatedComment",
        "block comment is not closed", "add '*/' where the comment should end");
    public static readonly DiagnosticDescriptor InvalidEscape = Error(5, "InvalidEscape",
        "unknown escape sequence '\\{0}' in string", "use one of \\\" \\\\ \\n \\t \\$, or \\u followed by four hex digits");
    public static readonly DiagnosticDescriptor UnclosedBrace = Error(6, "UnclosedBrace",
        "'{{' opened here is not closed", "add a matching '}}'");
    public static readonly DiagnosticDescriptor ExtraInput = Error(7, "ExtraInput",
        "unexpected {0} after the end of a statement", "start a new line for each statement, or separate statements with ';'");
    public static readonly DiagnosticDescriptor MissingStatementEnd = Error(8, "MissingStatementEnd",
        "{0} must start a new statement: put it on a new line or after ';'", "write one statement per line");
    public static readonly DiagnosticDescriptor TooDeep = Error(9, "TooDeep",
        "{0} is nested or chained too deeply (limit {1}); the file was not analysed further", "split it into labelled actions, modules or named conditions");

    // VF1xxx: names and binding
    public static readonly DiagnosticDescriptor UnknownAction = Error(1001, "UnknownAction",
        "unknown action '{0}'", "{1}");
    public static readonly DiagnosticDescriptor DuplicateLabel = Error(1002, "DuplicateLabel",
        "label '{0}' is already used in {1}", "give each action in a flow its own label");
    public static readonly DiagnosticDescriptor UndefinedLabel = Error(1003, "UndefinedLabel",
        "no action is labelled '{0}' in {1}", "{2}");
    public static readonly DiagnosticDescriptor UndefinedModule = Error(1004, "UndefinedModule",
        "module '{0}' is not defined", "{1}");
    public static readonly DiagnosticDescriptor DuplicateModule = Error(1005, "DuplicateModule",
        "module '{0}' is defined more than once", "rename one of them; module names are case-sensitive");
    public static readonly DiagnosticDescriptor DuplicateStartPoint = Error(1006, "DuplicateStartPoint",
        "start point {0} is defined more than once", "keep one definition; an incoming call can only run one flow");
    public static readonly DiagnosticDescriptor UnknownStartOwner = Error(1007, "UnknownStartOwner",
        "unknown start point owner '{0}'", "use default, user, group, shortcode or campaign");
    public static readonly DiagnosticDescriptor InvalidStartKind = Error(1008, "InvalidStartKind",
        "{0} start points have no kind '{1}'", "use one of: {2}");
    public static readonly DiagnosticDescriptor UndefinedCondition = Error(1009, "UndefinedCondition",
        "condition '{0}' is not defined", "{1}");
    public static readonly DiagnosticDescriptor DuplicateCondition = Error(1010, "DuplicateCondition",
        "condition '{0}' is defined more than once", "rename one of them");
    public static readonly DiagnosticDescriptor UndefinedUserVariable = Error(1011, "UndefinedUserVariable",
        "user variable '{0}' is not declared", "declare it at the top level: uservar {0} = \"\"");
    public static readonly DiagnosticDescriptor DuplicateUserVariable = Error(1012, "DuplicateUserVariable",
        "user variable '{0}' is declared more than once", "keep one declaration");
    public static readonly DiagnosticDescriptor UnknownVariable = Warning(1013, "UnknownVariable",
        "'{0}' is not a known call variable", "{1}");
    public static readonly DiagnosticDescriptor UnknownSetting = Error(1014, "UnknownSetting",
        "action '{0}' has no setting '{1}'", "{2}");
    public static readonly DiagnosticDescriptor DuplicateSetting = Error(1015, "DuplicateSetting",
        "setting '{0}' is given more than once", "keep one; only prompt lists (prompt, timeout_prompt, invalid_prompt, page_prompt, after_prompt) may be given more than once");
    public static readonly DiagnosticDescriptor MissingSetting = Error(1016, "MissingSetting",
        "action '{0}' needs the setting '{1}'", "add: {1} {2}");
    public static readonly DiagnosticDescriptor WrongValueType = Error(1017, "WrongValueType",
        "setting '{0}' expects {1}, not {2}", "for example: {0} {3}");
    public static readonly DiagnosticDescriptor UnknownResult = Error(1018, "UnknownResult",
        "action '{0}' has no result '{1}'", "its results are: {2}");
    public static readonly DiagnosticDescriptor DuplicateConnection = Error(1019, "DuplicateConnection",
        "result '{0}' is connected more than once", "a result leads to exactly one action; remove one connection");
    public static readonly DiagnosticDescriptor InvalidMailboxName = Error(1020, "InvalidMailboxName",
        "'{0}' is not a valid mailbox name: {1}", "{2}");
    public static readonly DiagnosticDescriptor NameTooLong = Error(1021, "NameTooLong",
        "{0} '{1}' is {2} characters long; the limit is {3}", "{4}");
    public static readonly DiagnosticDescriptor UnknownLanguage = Error(1022, "UnknownLanguage",
        "unknown prompt language '{0}'", "{1}");
    public static readonly DiagnosticDescriptor UnknownSystemPrompt = Error(1023, "UnknownSystemPrompt",
        "unknown system prompt '{0}'", "{1}");
    public static readonly DiagnosticDescriptor InvalidInlineTarget = Error(1024, "InvalidInlineTarget",
        "'{0}' cannot be written after '->'", "only disconnect, home, return [Name] and goto Module end a branch inline; give '{0}' a label and connect to the label, or use a {{ ... }} block");
    public static readonly DiagnosticDescriptor LegacyAction = Error(1025, "LegacyAction",
        "'{0}' is a legacy Voicemail Pro action that CallFlow does not run", "{1}");
    public static readonly DiagnosticDescriptor ReservedLabel = Error(1026, "ReservedLabel",
        "'{0}' is reserved and cannot be a label", "choose another label, such as '{0}Step'");
    public static readonly DiagnosticDescriptor UndefinedStartPoint = Error(1027, "UndefinedStartPoint",
        "goto target '{0}' is not a start point of these flows", "{1}");
    public static readonly DiagnosticDescriptor BranchNotAllowed = Error(1028, "BranchNotAllowed",
        "'{0}' branches are only allowed in {1}", "use 'on Result -> Target' to connect the results of '{2}'");
    public static readonly DiagnosticDescriptor NamesDifferOnlyInCase = Warning(1029, "NamesDifferOnlyInCase",
        "'{0}' and '{1}' differ only in letter case", "Voicemail Pro matches names case-sensitively; a caller routed to the wrong spelling is cut off");
    public static readonly DiagnosticDescriptor InvalidPromptPath = Error(1030, "InvalidPromptPath",
        "prompt file '{0}' {1}", "write a relative path to a .wav file inside the prompts folder, such as \"greetings/welcome.wav\"");
    public static readonly DiagnosticDescriptor ArrowWithoutNext = Error(1031, "ArrowWithoutNext",
        "action '{0}' has no Next result to connect with '->'", "connect its results by name: {1}");
    public static readonly DiagnosticDescriptor ValueOutOfRange = Error(1032, "ValueOutOfRange",
        "{0} {1} is out of range", "use a value from {2}");
    public static readonly DiagnosticDescriptor ReturnOutsideModule = Error(1034, "ReturnOutsideModule",
        "'return' can only be used inside a module", "use 'disconnect' or 'home' to end a start point's flow");
    public static readonly DiagnosticDescriptor ValueTooLong = Error(1035, "ValueTooLong",
        "{0} is {1} characters long; the limit is {2}", "{3}");
    public static readonly DiagnosticDescriptor InvalidDtmf = Error(1036, "InvalidDtmf",
        "'{0}' is not a valid {1}", "{2}");
    public static readonly DiagnosticDescriptor UnexpectedArgument = Error(1037, "UnexpectedArgument",
        "action '{0}' takes no argument", "{1}");
    public static readonly DiagnosticDescriptor InvalidArgumentCount = Error(1038, "InvalidArgumentCount",
        "{0} takes {1}, not {2}", "{3}");
    public static readonly DiagnosticDescriptor UnknownEnumValue = Error(1039, "UnknownEnumValue",
        "'{0}' is not a valid value for {1}", "use one of: {2}");
    public static readonly DiagnosticDescriptor NotWritableVariable = Error(1040, "NotWritableVariable",
        "'{0}' cannot be assigned", "{1}");
    public static readonly DiagnosticDescriptor MisplacedFlowOption = Error(1041, "MisplacedFlowOption",
        "'{0}' must be the first action of a start point", "move it to the top of the start point's body");
    public static readonly DiagnosticDescriptor EmptyName = Error(1043, "EmptyName",
        "the {0} name is empty", "write the name between the quotes, such as {1}");
    public static readonly DiagnosticDescriptor EmptyBlock = Error(1042, "EmptyBlock",
        "this branch block has no actions", "write at least one action inside the braces, or connect the result with '-> Target'");
    public static readonly DiagnosticDescriptor InlineTargetExtra = Error(1044, "InlineTargetExtra",
        "'-> {0}' takes at most one argument and no settings", "write '{0}' as an action of its own, with its settings, and connect to its label or put it in a {{ ... }} block");

    // VF2xxx: flow checks
    public static readonly DiagnosticDescriptor UnreachableAction = Warning(2001, "UnreachableAction",
        "action '{0}' can never be reached", "connect a result to it, or remove it");
    public static readonly DiagnosticDescriptor UnconnectedResult = Warning(2002, "UnconnectedResult",
        "result '{0}' of '{1}' is not connected: {2}", "connect it, or end the branch on purpose with 'on {0} -> disconnect'");
    public static readonly DiagnosticDescriptor ModuleCycle = Error(2003, "ModuleCycle",
        "module '{0}' calls itself: {1}", "a module that calls itself never returns; use goto to jump back to a start point or module instead");
    public static readonly DiagnosticDescriptor LoopWithoutInput = Warning(2004, "LoopWithoutInput",
        "actions {0} loop forever without waiting for the caller", "add a menu or another action that waits for the caller in the loop, or break it");
    public static readonly DiagnosticDescriptor DuplicateMenuKey = Error(2005, "DuplicateMenuKey",
        "key '{0}' is used more than once in this menu", "each key or sequence can lead to one place only");
    public static readonly DiagnosticDescriptor MenuKeyPrefix = Error(2006, "MenuKeyPrefix",
        "key '{0}' is a prefix of '{1}', so '{1}' can never be dialled", "no key or sequence in a menu may begin with another one");
    public static readonly DiagnosticDescriptor TooManyMenuBranches = Error(2007, "TooManyMenuBranches",
        "menu has {0} key branches; Voicemail Pro allows at most {1}", "split it into two menus, or use test_variable on $KEY for long lists");
    public static readonly DiagnosticDescriptor InvalidMenuKey = Error(2008, "InvalidMenuKey",
        "'{0}' is not a valid menu key", "use digits, '*', '#', '?' (any digit) in a sequence, or \"$\" (any other entry) or \"F\" (fax tone) alone");
    public static readonly DiagnosticDescriptor EmptyFlow = Warning(2009, "EmptyFlow",
        "{0} has no actions", "a call that reaches it is disconnected at once; add actions or remove it");
    public static readonly DiagnosticDescriptor MenuWithoutKeys = Warning(2010, "MenuWithoutKeys",
        "menu '{0}' has no key branches", "add 'key 1 -> Target' lines, or use generic with prompts to only play something");

    public static readonly DiagnosticDescriptor ConstantCondition = Warning(2011, "ConstantCondition",
        "condition '{0}' is always {1}, so the {2} result of '{3}' is never taken", "the actions only that branch reaches are left out of root.vmp; simplify the flow, or make the condition depend on the call");

    // VF3xxx: conditions
    public static readonly DiagnosticDescriptor UnknownConditionFunction = Error(3001, "UnknownConditionFunction",
        "unknown condition element '{0}'", "use weekly(Mon-Fri 09:00-17:30) or calendar(2026-12-25, ...)");
    public static readonly DiagnosticDescriptor InvalidWeekday = Error(3002, "InvalidWeekday",
        "'{0}' is not a weekday", "use Mon, Tue, Wed, Thu, Fri, Sat or Sun");
    public static readonly DiagnosticDescriptor InvalidTime = Error(3003, "InvalidTime",
        "'{0}' is not a valid time of day", "write times as hh:mm from 00:00 to 24:00");
    public static readonly DiagnosticDescriptor InvalidDate = Error(3004, "InvalidDate",
        "'{0}' is not a valid date", "write dates as yyyy-mm-dd");
    public static readonly DiagnosticDescriptor ConditionCycle = Error(3005, "ConditionCycle",
        "condition '{0}' depends on itself: {1}", "break the cycle; a condition may embed others but not itself");
    public static readonly DiagnosticDescriptor TooManyCalendarDates = Error(3006, "TooManyCalendarDates",
        "calendar has {0} dates; at most {1} are allowed", "split it into several conditions combined with 'or'");
    public static readonly DiagnosticDescriptor EmptyRange = Error(3007, "EmptyRange",
        "range {0} is empty: it ends before it starts", "put the earlier value first; for a period across midnight write two periods");
    public static readonly DiagnosticDescriptor MalformedPeriod = Error(3008, "MalformedPeriod",
        "{0}", "{1}");
    public static readonly DiagnosticDescriptor InvalidComparand = Error(3009, "InvalidComparand",
        "{0}", "compare a call variable with a string or a number, such as $CLI == \"01707364143\"");

    // VF4xxx: generic commands
    public static readonly DiagnosticDescriptor UnknownCommand = Error(4001, "UnknownCommand",
        "unknown generic command '{0}'", "{1}");
    public static readonly DiagnosticDescriptor MalformedCommand = Error(4002, "MalformedCommand",
        "malformed {0} command: {1}", "{2}");
    public static readonly DiagnosticDescriptor InvalidExpression = Error(4003, "InvalidExpression",
        "invalid EVAL expression: {0}", "use numbers, call variables, ( ) and the operators + - * / % ^, as in EVAL:$CP0=$CP1+5");
    public static readonly DiagnosticDescriptor UnknownStringFunction = Error(4004, "UnknownStringFunction",
        "unknown STRING function '{0}'", "use mid(v,pos,n), left(v,n), right(v,n), lower(v), upper(v) or reverse(v)");

    // VF5xxx: loading a root.vmp (CallFlow.Vmp's VmpLoadError has the same numbers and names; a test keeps them equal)
    public static readonly DiagnosticDescriptor NotAVmpFile = Error(5001, "NotAVmpFile",
        "{0}", "check the path: you may have given vmc a .vflow or another file; compile the flows with vmc compile");
    public static readonly DiagnosticDescriptor BuiltByNewerVmc = Error(5002, "BuiltByNewerVmc",
        "{0}", "update vmc (or the server) to the version that built the file, or rebuild it with this vmc");
    public static readonly DiagnosticDescriptor BuiltByOlderVmc = Error(5003, "BuiltByOlderVmc",
        "{0}", "recompile the call flows with vmc compile");
    public static readonly DiagnosticDescriptor Truncated = Error(5004, "Truncated",
        "{0}", "the file was cut short (a full disk, an interrupted copy) or appended to; compile or copy it again");
    public static readonly DiagnosticDescriptor ChecksumMismatch = Error(5005, "ChecksumMismatch",
        "{0}", "the file is damaged; compile or copy it again");
    public static readonly DiagnosticDescriptor BadSectionTable = Error(5006, "BadSectionTable",
        "{0}", "the file was not written by vmc or is damaged; compile it again");
    public static readonly DiagnosticDescriptor MalformedSection = Error(5007, "MalformedSection",
        "{0}", "the file was not written by vmc or is damaged; compile it again");
    public static readonly DiagnosticDescriptor BadReference = Error(5008, "BadReference",
        "{0}", "the file was not written by vmc or is damaged; compile it again");
    public static readonly DiagnosticDescriptor BadJumpTarget = Error(5009, "BadJumpTarget",
        "{0}", "the file was not written by vmc or is damaged; compile it again");
    public static readonly DiagnosticDescriptor UnknownOpcode = Error(5010, "UnknownOpcode",
        "{0}", "the file was built by an incompatible vmc or is damaged; compile it again with this vmc");
    public static readonly DiagnosticDescriptor BadCondition = Error(5011, "BadCondition",
        "{0}", "the file was not written by vmc or is damaged; compile it again");

    // VF6xxx: running a call (CallFlow.Runtime's Machine reports these codes in RuntimeFault)
    public static readonly DiagnosticDescriptor StepBudgetExceeded = Error(6001, "StepBudgetExceeded",
        "{0}", "break the loop with an action that waits for the caller (a menu, a prompt), or let it end");
    public static readonly DiagnosticDescriptor NoSuchStartPoint = Error(6002, "NoSuchStartPoint",
        "{0}", "check the start point address the host derived from the call (for example \"Default.Leave\" or \"Short Codes.*80\")");
    public static readonly DiagnosticDescriptor UnknownInstruction = Error(6003, "UnknownInstruction",
        "{0}", "load the file through VmpReader, which refuses unknown opcodes (VF5010); this fault means a program was built in memory without verification");
    public static readonly DiagnosticDescriptor NoSuchResult = Error(6004, "NoSuchResult",
        "{0}", "make the host answer with one of the results listed in the RequestEffect");
    public static readonly DiagnosticDescriptor UnexpectedOutcome = Error(6005, "UnexpectedOutcome",
        "{0}", "resume a call only with an outcome matching its pending effect (for example DigitsOutcome for CollectDigitsEffect)");

    // VF9xxx: internal
    public static readonly DiagnosticDescriptor InternalError = Error(9001, "InternalError",
        "internal error: {0}", "this is a bug in vmc, not in your call flow; please report it with the input that caused it");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        .. typeof(DiagnosticDescriptors).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Number),
    ];

    // Retired numbers: VF1033 (was planned as a cross-kind duplicate name check, never shipped: modules,
    // conditions and user variables live in separate name spaces).
}
