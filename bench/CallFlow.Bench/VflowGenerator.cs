using System.Globalization;
using System.Text;

namespace CallFlow.Bench;

/// <summary>
/// Deterministic generator of valid, realistic .vflow programs: office-hours receptions with menus and inline
/// blocks, support queues on test_variable, night-service start points with user variables, database lookups in
/// library modules called with their return exits, user leave/collect start points and alarm short codes.
/// Every name is unique, every result is connected, every action is reachable, so the whole program compiles with
/// zero diagnostics (the harness asserts this). Same target and seed, same text, on every machine.
/// </summary>
internal static class VflowGenerator
{
    public const int DefaultSeed = 42;

    public static string Generate(int targetLines, int seed = DefaultSeed)
    {
        var writer = new Writer(targetLines, seed);
        return writer.Run();
    }

    private sealed class Writer(int targetLines, int seed)
    {
        private readonly StringBuilder _text = new(targetLines * 36);
        private readonly Random _random = new(seed);
        private readonly List<string> _modules = [];
        private readonly List<string> _conditions = ["Holidays"];
        private readonly List<(string Name, string Exit1, string Exit2)> _libraries = [];
        private int _lines;
        private int _unit;
        private int _shortCode = 100;

        private static readonly string[] Greetings =
        [
            "Welcome to Acme", "Thank you for calling Northwind", "Hello and welcome to Contoso",
            "You have reached Fabrikam", "Welcome to the Tailspin service desk",
        ];

        private static readonly string[] Departments = ["sales", "support", "billing", "accounts", "returns", "dispatch", "reception"];

        public string Run()
        {
            Line($"// CallFlow benchmark input: target {targetLines} lines, seed {seed}. Generated; do not edit.");
            Line("condition Holidays = calendar(2026-12-25, 2026-12-26, 2027-01-01)");
            Line("uservar NightService = \"0\"");
            Line("");
            while (_lines < targetLines)
            {
                _unit++;
                // The first units cover every template, so even the 1k input uses all of them.
                var pick = _unit <= 6 ? _unit - 1 : _random.Next(100) switch
                {
                    < 30 => 0,
                    < 45 => 1,
                    < 60 => 2,
                    < 75 => 3,
                    < 90 => 4,
                    _ => 5,
                };
                switch (pick)
                {
                    case 0: Reception(); break;
                    case 1: SupportQueue(); break;
                    case 2: NightService(); break;
                    case 3: Library(); break;
                    case 4: UserMailbox(); break;
                    default: AlarmShortCode(); break;
                }
                Line("");
            }
            return _text.ToString();
        }

        private void Line(string text)
        {
            _text.Append(text).Append('\n');
            _lines++;
        }

        private string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        private string Ext() => N(200 + _random.Next(800));
        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
        private string AnyModuleOr(string fallback) => _modules.Count == 0 ? fallback : "goto " + Pick(_modules);

        private void Reception()
        {
            var i = N(_unit);
            var condition = $"Open{i}";
            var lunch = $"Lunch{i}";
            var dept1 = Pick(Departments);
            var dept2 = Pick(Departments);
            var start = 7 + _random.Next(3);
            var end = 16 + _random.Next(4);
            Line($"// Reception {i}: office hours, a main menu and an operator fallback.");
            Line($"condition {condition} = weekly(Mon-Fri {start:00}:00-{end}:30, Sat 10:00-13:00) and not {Pick(_conditions)}");
            Line($"condition {lunch} = weekly(Mon-Fri 12:00-13:00) or ($CP1 == \"{i}\" and not {condition})");
            _conditions.Add(condition);
            _conditions.Add(lunch);
            var module = $"Reception{i}";
            Line($"module {module} {{");
            Line($"    test_condition {condition} {{");
            Line("        on True -> MainMenu");
            Line("        on False -> Closed");
            Line("    }");
            Line("    MainMenu: menu {");
            Line($"        prompt tts(\"{Pick(Greetings)}, branch {i}. Press 1 for {dept1}, 2 for {dept2}.\"), system(operator)");
            Line($"        timeout {3 + _random.Next(8)}s");
            Line($"        retries {_random.Next(4)}");
            Line("        invalid_prompt system(invalid_entry)");
            Line("        key 1 -> Sales");
            Line("        key 2 {");
            Line($"            speak_text \"Connecting you to {dept2}\"");
            Line($"            transfer \"{Ext()}\"");
            Line("        }");
            Line($"        key 3 -> {AnyModuleOr("disconnect")}");
            Line("        key 9 {");
            Line($"            test_condition {lunch} {{");
            Line("                on True -> Voicemail");
            Line("                on False -> Operator");
            Line("            }");
            Line("        }");
            Line("        key 0 -> Operator");
            Line("        on Timeout, Invalid -> disconnect");
            Line("    }");
            Line($"    Sales: transfer \"{Ext()}\" {{");
            Line("        description \"Call from $CLI\"");
            Line("        priority high");
            Line("    }");
            Line($"    Operator: assisted_transfer \"Extn{Ext()}\" {{");
            Line($"        no_answer_timeout {15 + _random.Next(20)}s");
            Line("        on Next -> disconnect");
            Line("        on Busy, NoAnswer -> Voicemail");
            Line("    }");
            Line("    Closed: speak_text \"We are closed. You called from $CLI.\"");
            Line($"    Voicemail: leave_mail \"Box{i}\" {{");
            Line("        on Success -> disconnect");
            Line("        on Failure -> disconnect");
            Line("    }");
            Line("}");
            _modules.Add(module);
            Line($"start shortcode \"*{N(_shortCode++)}\" {{");
            Line($"    goto {module}");
            Line("}");
        }

        private void SupportQueue()
        {
            var i = N(_unit);
            var module = $"Support{i}";
            Line($"// Support {i}: account routing on $KEY and a CRM lookup.");
            Line($"module {module} {{");
            Line("    generic \"CP2:$CLI\"");
            Line($"    speak_text \"Please enter your {Pick(Departments)} code, then press hash.\"");
            Line("    test_variable $KEY {");
            Line($"        timeout {5 + _random.Next(10)}s");
            Line($"        case \"{N(1 + _random.Next(4))}\" -> Gold");
            Line("        case \"7\" -> Silver");
            Line("        case $CP3 {");
            Line($"            speak_text \"Returning caller\"; transfer \"{Ext()}\"");
            Line("        }");
            Line("        on NoMatch, Timeout -> Fallback");
            Line("    }");
            Line($"    Gold: generic \"EVAL:$CP0=($CP1+{N(_random.Next(100))})*2\"");
            Line($"    transfer \"{Ext()}\" {{ priority high }}");
            Line("    Silver: voice_question {");
            Line($"        max_length {20 + _random.Next(40)}s");
            Line("        beep false");
            Line("    }");
            Line($"    email \"support{i}@acme.example\" {{");
            Line("        subject \"Callback request from $CLI\"");
            Line("        attach \"$\"");
            Line("    }");
            Line($"    transfer \"{Ext()}\"");
            Line($"    Fallback: database_open \"Data Source=crm{i}.db\" {{");
            Line("        on Success -> Lookup");
            Line("        on Failure -> disconnect");
            Line("    }");
            Line("    Lookup: database_execute \"SELECT name FROM customers WHERE phone = '$CLI'\" {");
            Line("        on Success -> Fetch");
            Line("        on Failure -> Close");
            Line("    }");
            Line("    Fetch: database_get_data next {");
            Line("        on Success, AtEnd, Empty, Failure -> Close");
            Line("    }");
            Line("    Close: database_close");
            Line($"    speak_text \"Thank you, $DBD[0]. Transferring you now.\"");
            Line($"    transfer \"{Ext()}\"");
            Line("}");
            _modules.Add(module);
        }

        private void NightService()
        {
            var i = N(_unit);
            var variable = $"Night{i}";
            Line($"// Night service {i}: a short code toggles a user variable.");
            Line($"uservar {variable} = \"{N(_random.Next(2))}\"");
            Line($"start shortcode \"*{N(_shortCode++)}\" {{");
            Line($"    complete_sequence {10 + _random.Next(50)}s");
            Line($"    test_user_variable {variable}, \"1\" {{");
            Line("        on True -> NightMode");
            Line("        on False -> DayMode");
            Line("    }");
            Line($"    DayMode: set_user_variable {variable}, \"1\" -> {AnyModuleOr("disconnect")}");
            Line("    NightMode: speak_text \"Night service is active. Please leave a message.\" {");
            Line($"        language {Pick(new[] { "enu", "en", "fr", "de", "nl" })}");
            Line("    }");
            Line($"    leave_mail \"{variable}\" {{");
            Line("        beep true");
            Line("        on Success -> disconnect");
            Line("        on Failure -> home");
            Line("    }");
            Line("}");
        }

        private void Library()
        {
            var i = N(_unit);
            var library = $"Lookup{i}";
            Line($"// Library {i}: a module with two exits and its caller.");
            Line($"module {library} {{");
            Line($"    database_open \"Data Source=accounts{i}.db\" {{");
            Line("        on Success -> Query");
            Line("        on Failure -> return Missing");
            Line("    }");
            Line("    Query: database_execute \"SELECT name, tier FROM accounts WHERE phone = '$CLI'\" {");
            Line("        on Success -> return Found");
            Line("        on Failure -> return Missing");
            Line("    }");
            Line("}");
            _libraries.Add((library, "Found", "Missing"));
            var callee = Pick(_libraries);
            var module = $"Account{i}";
            Line($"direct module Acct{i} {{");
            Line($"    call {callee.Name} {{");
            Line($"        on {callee.Exit1} {{");
            Line("            speak_text \"Welcome back, $DBD[0].\"");
            Line($"            transfer \"{Ext()}\"");
            Line("        }");
            Line($"        on {callee.Exit2} -> NewCaller");
            Line("    }");
            Line("    NewCaller: dial_by_name { order last_first }");
            Line($"    call_list \"{Pick(new[] { "Sales", "Support", "Billing" })}\"");
            Line($"    transfer \"{Ext()}\"");
            Line("}");
            _ = module;
            _modules.Add($"Acct{i}");
        }

        private void UserMailbox()
        {
            var n = N(200 + _unit);
            Line($"start user \"Extn{n}\" leave {{");
            Line($"    speak_text \"Extension {n} is not available.\"");
            Line("    leave_mail caller {");
            Line("        on Success -> disconnect");
            Line($"        on Failure -> {AnyModuleOr("disconnect")}");
            Line("    }");
            Line("}");
            Line($"start user \"Extn{n}\" collect {{");
            Line("    get_mail caller { pin \"$\" }");
            Line("    disconnect");
            Line("}");
        }

        private void AlarmShortCode()
        {
            Line($"start shortcode \"*{N(_shortCode++)}\" {{");
            Line("    alarm_set {");
            Line($"        time {6 + _random.Next(3):00}:{_random.Next(4) * 15:00}");
            Line("        frequency daily");
            Line("        day Mon");
            Line("        retries 2");
            Line("        interval 5m");
            Line("        cancel_code \"*\"");
            Line("    }");
            Line("    clock { repeat_until_key false }");
            Line("    disconnect");
            Line("}");
        }
    }
}
