using System.Collections.Frozen;
using System.Collections.Immutable;
using static CallFlow.Compiler.Symbols.ActionTraits;
using static CallFlow.Compiler.Symbols.ValueKind;


namespace CallFlow.Compiler.Symbols;

/// <summary>
/// Every action a .vflow file can use, after the Voicemail Pro reference (shared/reference/voicemail-pro.md §3).
/// The grammar treats action names as plain identifiers; this table gives them meaning, so adding an action is a
/// table entry here plus its lowering and runtime behaviour (see docs/architecture.md).
/// Where the manual leaves results or settings unconfirmed ([U]), the choice made here is documented in
/// docs/language.md under "Decisions".
/// </summary>
public static class ActionCatalog
{
    private const long Second = 1000;
    private const long Minute = 60 * Second;

    // The General, Entry Prompts and Reporting tabs every action has (reference §4).
    private static readonly ImmutableArray<SettingDefinition> Common =
    [
        new("prompt", Prompt, "entry prompts, played in order before the action's own behaviour", "\"welcome.wav\", system(please_wait)", Repeatable: true),
        new("pin", Pin, "a PIN the caller must enter before the action runs ($ = the mailbox's voicemail code)", "\"1234\"", MaxLength: 15),
        new("notes", ValueKind.Text, "free text for the people who maintain the flow", "\"Reception menu, see ticket 42\"", MaxLength: 1024),
        new("report_to", ValueKind.Text, "Customer Call Reporter queue that calls through this action are reported to", "\"Sales\"", MaxLength: 64),
    ];

    private static readonly ImmutableArray<string> Next = ["Next"];
    private static readonly ImmutableArray<string> TrueFalse = ["True", "False"];
    private static readonly ImmutableArray<string> SuccessFailure = ["Success", "Failure"];
    private static readonly ImmutableArray<string> None = [];

    private static SettingDefinition MailboxSetting(bool required = false) =>
        new("mailbox", Mailbox, "the mailbox: caller (the presumed user), a mailbox name, or a call variable", "\"Sales\"", Required: required, MaxLength: 15);

    private static SettingDefinition Priority() =>
        new("priority", ValueKind.Enum, "call priority at the target (IP Office 5.0+)", "high", EnumValues: ["low", "medium", "high"]);

    private static ActionDefinition Action(string name, string vmPro, ActionGroup group, string summary,
        ImmutableArray<string> results, ActionTraits traits = ActionTraits.None, string[]? positional = null, params SettingDefinition[] specific) =>
        new(name, vmPro, group, summary, [.. Common, .. specific], results, [.. positional ?? []], traits);

    public static ImmutableArray<ActionDefinition> All { get; } =
    [
        // Start action (its Specific tab): the only setting that matters is Complete Sequence.
        Action("complete_sequence", "Start (Complete Sequence)", ActionGroup.Start,
            "keeps the flow running after the caller hangs up, for at most the timeout", Next, FlowOption, ["timeout"],
            new SettingDefinition("timeout", Duration, "longest the flow may run after hang-up", "30s", Min: 0, Max: 120 * Second)),

        // Basic
        Action("generic", "Generic", ActionGroup.Basic, "plays its entry prompts and runs an optional server command", Next, positional: ["command"],
            specific: new SettingDefinition("command", Command, "free-format command: CPx:, COUNTERn:, INCCOUNTER:, DECCOUNTER:, CLEARCOUNTER:, EVAL:, STRING:, FWD:, PRIORITY:, SAVE:", "\"CP1:$MONTH\"", MaxLength: 128)),
        Action("speak_text", "Speak Text", ActionGroup.Basic, "speaks text by text to speech", Next, WaitsForCaller, ["text"],
            specific: [
                new SettingDefinition("text", ValueKind.Text, "the text to speak; call variables are replaced first", "\"You called from $CLI\"", Required: true, MaxLength: 1024),
                new SettingDefinition("language", Language, "speak in this language instead of the call's prompt language", "enu"),
            ]),
        Action("menu", "Menu", ActionGroup.Basic, "plays its prompts and branches on the keys the caller presses", ["Timeout", "Invalid"], WaitsForCaller | DynamicResults,
            specific: [
                new SettingDefinition("timeout", Duration, "how long to wait for a key before retrying or taking Timeout", "5s", Min: 1 * Second, Max: 120 * Second),
                new SettingDefinition("retries", Integer, "how many times the menu is offered again after a timeout or invalid key", "2", Min: 0, Max: 10),
                new SettingDefinition("timeout_prompt", Prompt, "played before a retry after a timeout", "system(no_entry)", Repeatable: true),
                new SettingDefinition("invalid_prompt", Prompt, "played before a retry after an invalid entry", "system(invalid_entry)", Repeatable: true),
                new SettingDefinition("sequence_end", Duration, "a key sequence or $ entry ends this long after the last digit (or on #)", "5s", Min: 1 * Second, Max: 30 * Second),
                new SettingDefinition("barge_in", ValueKind.Boolean, "a key press stops the prompts (default true)", "false"),
            ]),
        Action("goto", "Goto", ActionGroup.Basic, "continues at a module or another start point", None, Terminal | InlineTarget, ["target"],
            new SettingDefinition("target", FlowTarget, "a module name, or a start point address such as \"Default.Leave\"", "Reception", Required: true, MaxLength: 64)),
        Action("disconnect", "Disconnect", ActionGroup.Basic, "ends the call (in Queued and Still Queued flows: back to the queue)", None, Terminal | InlineTarget),
        Action("home", "Home", ActionGroup.Basic, "returns to the start point at which the call entered voicemail", None, Terminal | InlineTarget),
        Action("return", "Module Return", ActionGroup.Basic, "leaves a module through the named exit (Next when unnamed)", None, Terminal | InlineTarget, ["exit"],
            new SettingDefinition("exit", Identifier, "the exit's name; it becomes a result of every call of the module", "Done", MaxLength: 31)),
        Action("call", "Module", ActionGroup.Basic, "runs a module; its results are the module's return exits", None, DynamicResults, ["module"],
            new SettingDefinition("module", ModuleName, "the module to run", "Reception", Required: true, MaxLength: 31)),

        // Mailbox
        Action("get_mail", "Get Mail", ActionGroup.Mailbox, "lets the mailbox owner collect messages (the server's mailbox mode)", Next, WaitsForCaller, ["mailbox"],
            MailboxSetting()),
        Action("leave_mail", "Leave Mail", ActionGroup.Mailbox, "plays the greeting and records a message", SuccessFailure, WaitsForCaller, ["mailbox"],
            MailboxSetting(),
            new SettingDefinition("vrl", ValueKind.Boolean, "send the recording to the Voice Recording Library instead of a mailbox", "true"),
            new SettingDefinition("beep", ValueKind.Boolean, "play the record tone (default true)", "false")),
        Action("listen", "Listen", ActionGroup.Mailbox, "records into a mailbox without a greeting; the file is kept in $SAV", Next, WaitsForCaller, ["mailbox"],
            MailboxSetting(),
            new SettingDefinition("max_length", Duration, "longest recording", "60s", Min: 1 * Second, Max: 3600 * Second),
            new SettingDefinition("beep", ValueKind.Boolean, "play the record tone (default true)", "false")),
        Action("voice_question", "Voice Question", ActionGroup.Mailbox, "records the caller's answer; the file is kept in $SAV", Next, WaitsForCaller,
            specific: [
                new SettingDefinition("max_length", Duration, "longest answer", "30s", Min: 1 * Second, Max: 3600 * Second),
                new SettingDefinition("beep", ValueKind.Boolean, "play the record tone (default true)", "false"),
            ]),
        Action("campaign", "Campaign", ActionGroup.Mailbox, "runs a campaign to leave or review responses", Next, WaitsForCaller, ["campaign"],
            new SettingDefinition("campaign", ValueKind.Text, "the campaign's name", "\"Catalogue\"", Required: true, MaxLength: 31),
            new SettingDefinition("mode", ValueKind.Enum, "leave answers, or collect (review) them", "collect", EnumValues: ["leave", "collect"])),

        // Mailbox steps: what the mailbox interfaces in stdlib/ (Intuity and IP Office mode) are written with. Each works on
        // the mailbox the call opened with mailbox_open and the message message_select chose.
        Action("mailbox_open", "(CallFlow) Open Mailbox", ActionGroup.Mailbox,
            "opens a mailbox for the steps below and sets $MB, $MB_MODE and the counts $MB_NEW, $MB_OLD, $MB_SAVED, $MB_UNOPENED, $MB_DELETED",
            SuccessFailure, ActionTraits.None, ["mailbox"], MailboxSetting()),
        Action("message_select", "(CallFlow) Select Message", ActionGroup.Mailbox,
            "chooses a message: the first of a category in its playback order, or the next, previous or current one; sets $MSG, $MSG_FROM, $MSG_DATE, $MSG_TIME, $MSG_LENGTH, $MSG_NUMBER, $MSG_COUNT",
            ["Found", "None"], ActionTraits.None, ["which"],
            new SettingDefinition("which", ValueKind.Enum, "which message", "new", Required: true,
                EnumValues: ["new", "unopened", "old", "saved", "deleted", "next", "previous", "current"])),
        Action("message_play", "(CallFlow) Play Message", ActionGroup.Mailbox,
            "plays the selected message's header (who, when), body or both; keys pressed stop it and are kept for the next menu",
            Next, WaitsForCaller, ["part"],
            new SettingDefinition("part", ValueKind.Enum, "what to play", "all", EnumValues: ["header", "body", "all"])),
        Action("message_mark", "(CallFlow) Mark Message", ActionGroup.Mailbox, "changes the selected message's state", Next, ActionTraits.None, ["state"],
            new SettingDefinition("state", ValueKind.Enum, "the new state", "saved", Required: true, EnumValues: ["saved", "deleted", "undeleted", "old"])),
        Action("message_forward", "(CallFlow) Forward Message", ActionGroup.Mailbox,
            "copies the selected message to another mailbox (a name or an extension number, variables allowed)", SuccessFailure, ActionTraits.None, ["to"],
            new SettingDefinition("to", ValueKind.Text, "the mailbox or extension to forward to", "$KEY", Required: true, MaxLength: 64),
            new SettingDefinition("comment", ValueKind.Boolean, "record a comment that is played before the message", "true")),
        Action("mailbox_greeting", "(CallFlow) Mailbox Greeting", ActionGroup.Mailbox,
            "plays, records (until # or silence) or deletes one of the open mailbox's greetings", Next, WaitsForCaller, ["operation"],
            new SettingDefinition("operation", ValueKind.Enum, "what to do", "record", Required: true, EnumValues: ["play", "record", "delete"]),
            new SettingDefinition("slot", ValueKind.Text, "the greeting: standard, out-of-hours, busy, internal, external, name ...", "\"standard\"", MaxLength: 32)),
        Action("mailbox_set_code", "(CallFlow) Set Voicemail Code", ActionGroup.Mailbox,
            "asks for a new voicemail code twice and keeps it if it follows the rules (length, no runs, no repeats, not the extension)",
            SuccessFailure, WaitsForCaller),

        // Configuration
        Action("edit_play_list", "Edit Play List", ActionGroup.Configuration, "(re-)records a prompt file from the phone", Next, WaitsForCaller, ["file"],
            new SettingDefinition("file", WaveFile, "the prompt file to record (may hold variables)", "\"announcements/today.wav\"", Required: true)),
        Action("record_name", "Record Name", ActionGroup.Configuration, "(re-)records a mailbox's name prompt", Next, WaitsForCaller, ["mailbox"], MailboxSetting()),
        Action("play_configuration_menu", "Play Configuration Menu", ActionGroup.Configuration, "the owner's menu for greeting, code and other settings", Next, WaitsForCaller, ["mailbox"], MailboxSetting()),
        Action("personal_options_menu", "Personal Options Menu", ActionGroup.Configuration, "the owner's personal options (e-mail mode and others)", Next, WaitsForCaller, ["mailbox"], MailboxSetting()),
        Action("select_system_prompt_language", "Select System Prompt Language", ActionGroup.Configuration,
            "changes the system prompt (and text to speech) language for the rest of the call", Next, positional: ["language"],
            specific: new SettingDefinition("language", Language, "a prompt language code, or a call variable holding one", "fr", Required: true)),

        // Telephony
        Action("transfer", "Transfer", ActionGroup.Telephony, "blind transfer; the call leaves voicemail", None, Terminal | WaitsForCaller, ["destination"],
            new SettingDefinition("destination", Number, "number, extension or short code, or a call variable such as $KEY", "\"201\"", Required: true, MaxLength: 64),
            new SettingDefinition("source", ValueKind.Text, "shown as the source of the transfer", "\"Reception\"", MaxLength: 64),
            new SettingDefinition("description", ValueKind.Text, "shown on an internal target phone", "\"Call from $CLI\"", MaxLength: 64),
            Priority()),
        Action("assisted_transfer", "Assisted Transfer", ActionGroup.Telephony, "supervised transfer; on busy or no answer the call comes back",
            ["Next", "NoAnswer", "Busy"], WaitsForCaller, ["mailbox"],
            new SettingDefinition("mailbox", Mailbox, "the target's mailbox name, \"?\" to ask the caller, or a call variable", "\"Extn201\"", Required: true, MaxLength: 15),
            new SettingDefinition("source", ValueKind.Text, "shown as the source of the transfer", "\"Reception\"", MaxLength: 64),
            new SettingDefinition("description", ValueKind.Text, "shown on an internal target phone", "\"Call from $CLI\"", MaxLength: 64),
            new SettingDefinition("no_answer_timeout", Duration, "how long the target rings before NoAnswer", "20s", Min: 5 * Second, Max: 120 * Second),
            Priority()),
        Action("whisper", "Whisper", ActionGroup.Telephony, "plays the caller's recording to the target, who accepts with 1",
            ["Next", "Reject", "NoAnswer", "Busy"], WaitsForCaller, ["destination"],
            new SettingDefinition("destination", Number, "the target extension or a call variable", "\"201\"", Required: true, MaxLength: 64),
            new SettingDefinition("play_recording", ValueKind.Boolean, "play the recording from voice_question or listen (default true)", "false"),
            new SettingDefinition("auto_accept", ValueKind.Boolean, "connect without asking the target to press 1 (Reject cannot happen)", "true"),
            new SettingDefinition("display", ValueKind.Text, "text for the target's display", "\"Call from $CLI\"", MaxLength: 64),
            new SettingDefinition("after_prompt", Prompt, "played to the target after the recording", "system(press_1_to_accept)", Repeatable: true),
            new SettingDefinition("no_answer_timeout", Duration, "how long the target rings before NoAnswer", "20s", Min: 5 * Second, Max: 120 * Second)),
        Action("call_list", "Call List", ActionGroup.Telephony, "the caller picks a transfer target from a spoken list of a group's members", Next, WaitsForCaller, ["group"],
            new SettingDefinition("group", ValueKind.Text, "the hunt group whose members are listed", "\"Sales\"", Required: true, MaxLength: 15)),
        Action("dial_by_name", "Dial by Name", ActionGroup.Telephony, "the caller keys a name and picks from the matches; Next when they leave with *# or nothing matches",
            Next, WaitsForCaller, specific:
            new SettingDefinition("order", ValueKind.Enum, "the name order callers key in", "last_first", EnumValues: ["first_last", "last_first"])),
        Action("park_and_page", "Park and Page", ActionGroup.Telephony,
            "parks the caller in a park slot with music and pages a user or hunt group, who picks the call up from the slot",
            ["Success", "Timeout", "Failure"], WaitsForCaller, ["page"],
            new SettingDefinition("page", Number, "the user extension or hunt group to page, or a call variable", "\"Warehouse\"", Required: true, MaxLength: 64),
            new SettingDefinition("slot", Number, "the park slot (digits or a call variable); allocated by the server when absent", "\"601\"", MaxLength: 9),
            new SettingDefinition("page_prompt", Prompt, "the page announcement; the slot number is read after it", "tts(\"Call for $NAM in park slot\")", Repeatable: true),
            new SettingDefinition("retries", Integer, "pages repeated while nobody picks up", "2", Min: 0, Max: 5),
            new SettingDefinition("retry_interval", Duration, "time between pages", "20s", Min: 5 * Second, Max: 120 * Second),
            new SettingDefinition("timeout", Duration, "how long the call stays parked before Timeout", "60s", Min: 10 * Second, Max: 600 * Second)),

        // Miscellaneous
        Action("alarm_set", "Alarm Set", ActionGroup.Miscellaneous, "books an alarm call to an extension", Next, WaitsForCaller,
            specific: [
                new SettingDefinition("target", Number, "extension to call, or \"?\" to ask the caller", "\"201\"", MaxLength: 64),
                new SettingDefinition("time", TimeOfDay, "alarm time, hh:mm (asked when absent)", "07:30"),
                new SettingDefinition("frequency", ValueKind.Enum, "how often the alarm repeats", "daily", EnumValues: ["single", "daily", "weekly"]),
                new SettingDefinition("day", Weekday, "the day for a weekly alarm, or today", "Mon"),
                new SettingDefinition("file", WaveFile, "a custom alarm prompt", "\"alarms/wake.wav\""),
                new SettingDefinition("display", ValueKind.Text, "display text at the target (default ALARM)", "\"WAKE UP\"", MaxLength: 32),
                new SettingDefinition("ring_time", Duration, "how long each alarm call rings", "60s", Min: 5 * Second, Max: 120 * Second),
                new SettingDefinition("retries", Integer, "repeats of an unanswered alarm", "2", Min: 0, Max: 10),
                new SettingDefinition("interval", Duration, "time between repeats", "5m", Min: 1 * Minute, Max: 60 * Minute),
                new SettingDefinition("cancel_code", Pin, "the alarm repeats until this code (up to 4 keys) is entered", "\"*\"", MaxLength: 4),
            ]),
        Action("clock", "Clock", ActionGroup.Miscellaneous, "speaks the current time", Next, WaitsForCaller, specific:
            new SettingDefinition("repeat_until_key", ValueKind.Boolean, "repeat the time until a key or hang-up", "true")),
        Action("email", "eMail", ActionGroup.Miscellaneous, "sends an e-mail, optionally with a recording attached", Next, ActionTraits.None, ["to"],
            new SettingDefinition("to", Email, "recipient address (may hold variables)", "\"sales@acme.example\"", Required: true, MaxLength: 256),
            new SettingDefinition("subject", ValueKind.Text, "subject line", "\"Message from $CLI\"", MaxLength: 256),
            new SettingDefinition("body", ValueKind.Text, "body text", "\"Call at $CALL_TIME\"", MaxLength: 2048),
            new SettingDefinition("attach", WaveFile, "$ = the recording of the preceding voice_question, listen or leave_mail; or a .wav file", "$")),
        Action("vb_script", "VB Script", ActionGroup.Miscellaneous, "runs a script against the call (parsed now, not run by CallFlow yet)", Next, ActionTraits.None, ["script"],
            new SettingDefinition("script", ValueKind.Text, "the script text", "\"Result = 1\"", Required: true, MaxLength: 8192)),

        // Condition
        Action("test_condition", "Test Condition", ActionGroup.Condition, "evaluates a named condition", TrueFalse, ActionTraits.None, ["condition"],
            new SettingDefinition("condition", ConditionName, "the condition to test", "OfficeHours", Required: true)),
        Action("set_user_variable", "Set User Variable", ActionGroup.Condition, "sets a system-wide user variable", Next, ActionTraits.None, ["variable", "value"],
            new SettingDefinition("variable", UserVariableName, "the user variable", "NightService", Required: true),
            new SettingDefinition("value", ValueKind.Text, "the new value (literal or call variables)", "\"1\"", Required: true)),
        Action("test_user_variable", "Test User Variable", ActionGroup.Condition, "compares a user variable with a value", TrueFalse, ActionTraits.None, ["variable", "value"],
            new SettingDefinition("variable", UserVariableName, "the user variable", "NightService", Required: true),
            new SettingDefinition("value", ValueKind.Text, "the value to compare with", "\"1\"", Required: true)),
        Action("test_variable", "Test Variable", ActionGroup.Condition, "routes on a call variable: cases top-down, first match wins",
            ["NoMatch", "Timeout"], DynamicResults, ["variable"],
            new SettingDefinition("variable", Variable, "the call variable to match", "$KEY", Required: true),
            new SettingDefinition("timeout", Duration, "for $KEY only: wait this long for new digits when nothing matches", "5s", Min: 1 * Second, Max: 120 * Second)),
        Action("increment_and_test_counter", "Increment and Test Counter", ActionGroup.Condition, "adds 1 to $COUNTERn, then True if it equals the value", TrueFalse,
            ActionTraits.None, ["counter", "value"],
            new SettingDefinition("counter", Integer, "counter number", "1", Required: true, Min: 1, Max: 15),
            new SettingDefinition("value", ValueKind.Text, "number or call variable to compare with", "3", Required: true)),
        Action("decrement_and_test_counter", "Decrement and Test Counter", ActionGroup.Condition, "subtracts 1 from $COUNTERn, then True if it equals the value", TrueFalse,
            ActionTraits.None, ["counter", "value"],
            new SettingDefinition("counter", Integer, "counter number", "1", Required: true, Min: 1, Max: 15),
            new SettingDefinition("value", ValueKind.Text, "number or call variable to compare with", "0", Required: true)),

        // Database
        Action("database_open", "Database Open", ActionGroup.Database, "opens a database connection (closing any open one)", SuccessFailure, ActionTraits.None, ["connection"],
            new SettingDefinition("connection", ValueKind.Text, "connection string", "\"Data Source=crm.db\"", Required: true, MaxLength: 1024)),
        Action("database_execute", "Database Execute", ActionGroup.Database, "runs a query or statement (call variables allowed)", SuccessFailure, ActionTraits.None, ["sql"],
            new SettingDefinition("sql", ValueKind.Text, "the SQL", "\"SELECT name FROM customers WHERE phone = '$CLI'\"", Required: true, MaxLength: 4096)),
        Action("database_get_data", "Database Get Data", ActionGroup.Database, "moves through the result set into $DBD[0..5]",
            ["Success", "AtEnd", "Empty", "Failure"], ActionTraits.None, ["row"],
            new SettingDefinition("row", ValueKind.Enum, "which row to fetch", "next", EnumValues: ["next", "previous", "first", "last"])),
        Action("database_close", "Database Close", ActionGroup.Database, "closes the database connection", Next),

        // Queue
        Action("queue_eta", "Queue ETA", ActionGroup.Queue, "speaks the estimated time to answer", Next, WaitsForCaller, specific:
            new SettingDefinition("after_prompt", Prompt, "played after the time", "system(minutes)", Repeatable: true)),
        Action("queue_position", "Queue Position", ActionGroup.Queue, "speaks the caller's place in the hunt-group queue", Next, WaitsForCaller, specific:
            new SettingDefinition("after_prompt", Prompt, "played after the position", "system(in_the_queue)", Repeatable: true)),
    ];

    private static readonly FrozenDictionary<string, ActionDefinition> ByName = All.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>Old Voicemail Pro actions CallFlow refuses, with what to write instead (reference §3.4, §18 item 20).</summary>
    public static FrozenDictionary<string, string> Legacy { get; } = new Dictionary<string, string>
    {
        ["cli_routing"] = "use test_variable $CLI with a case for each number",
        ["route_incoming_call"] = "use test_condition with a condition on $CLI",
        ["route_by_call_status"] = "give each call type its own start point (leave, collect, queued ...)",
        ["check_digits"] = "use test_variable $KEY (it replaced Check Digits in Voicemail Pro 4.2)",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static ActionDefinition? Find(string name) => ByName.GetValueOrDefault(name);
}
