using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Tests.Vm;

public sealed class MachineTests
{
    private const string Attendant = """
        start shortcode "*80" {
            Main: menu {
                prompt system(welcome), tts("Press 1 for sales, 2 for support, or dial an extension.")
                timeout 4s
                retries 1
                timeout_prompt system(no_entry)
                key 1 -> Sales
                key 2 -> call Support
                key "4??" -> Extension
                on Timeout, Invalid -> disconnect
            }
            Sales: transfer "201"
            Extension: transfer $KEY
        }
        module Support {
            speak_text "Support for $CLI" -> return Done
        }
        """;

    [Fact]
    public void A_key_leads_to_its_branch_and_a_transfer_ends_the_call()
    {
        var call = new ScriptedCall(Attendant.Replace("key 2 -> call Support", "key 2 -> Sales"), "Short Codes.*80");
        call.Expect<PlayEffect>();
        call.Played().Expect<CollectDigitsEffect>();
        var request = call.Keys("1").Expect<RequestEffect>();
        Assert.Equal("transfer", request.Action);
        Assert.Equal("201", request.Settings["destination"]);
        call.Result("Transferred").Ends(EndReason.Transferred);
    }

    [Fact]
    public void Keys_pressed_during_the_prompts_are_typed_ahead_and_sequences_use_wildcards()
    {
        var call = new ScriptedCall(Attendant.Replace("key 2 -> call Support", "key 3 -> Sales"), "Short Codes.*80");
        var collect = call.Played("4").Expect<CollectDigitsEffect>();
        Assert.Equal("4", collect.AlreadyEntered);
        Assert.Equal(3, collect.MaxDigits);
        var request = call.Keys("445").Expect<RequestEffect>();
        Assert.Equal("445", request.Settings["destination"]);
        Assert.Equal("445", call.Call.Variables.Get("$KEY"));
    }

    [Fact]
    public void A_timeout_plays_the_timeout_prompt_and_offers_the_menu_again_then_takes_Timeout()
    {
        var call = new ScriptedCall(Attendant.Replace("key 2 -> call Support", "key 3 -> Sales"), "Short Codes.*80");
        call.Played().Silence();
        var retry = call.Expect<PlayEffect>();
        Assert.Equal("no_entry", Assert.Single(retry.Prompts).Text);
        call.Played().Expect<PlayEffect>(); // the menu's own prompts again
        call.Played().Silence().Ends(EndReason.Disconnected);
    }

    [Fact]
    public void An_invalid_key_without_an_invalid_prompt_replays_the_menu()
    {
        var call = new ScriptedCall(Attendant.Replace("key 2 -> call Support", "key 3 -> Sales"), "Short Codes.*80");
        call.Played().Keys("9");
        Assert.Equal(2, call.Expect<PlayEffect>().Prompts.Length);
        call.Played().Keys("9").Ends(EndReason.Disconnected);
    }

    [Fact]
    public void A_module_runs_and_returns_through_its_exit()
    {
        var call = new ScriptedCall(Attendant.Replace("key 2 -> call Support", "key 2 {\n            call Support {\n                on Done -> Sales\n            }\n        }"), "Short Codes.*80");
        call.Played().Keys("2");
        Assert.Equal("Support for 01707364143", call.Expect<SpeakEffect>().Text);
        Assert.Equal("transfer", call.Played().Expect<RequestEffect>().Action);
    }

    [Fact]
    public void An_unconnected_result_disconnects_but_returns_a_queued_caller_to_the_queue()
    {
        const string flows = """
            start default leave {
                leave_mail caller {
                    on Success -> disconnect
                }
            }
            start default queued {
                leave_mail caller {
                    on Success -> disconnect
                }
            }
            """;
        new ScriptedCall(flows, "Default.Leave").Result("Failure").Ends(EndReason.Disconnected);
        new ScriptedCall(flows, "Default.Queued").Result("Failure").Ends(EndReason.ReturnedToQueue);
        new ScriptedCall(flows, "Default.Queued").Result("Success").Ends(EndReason.ReturnedToQueue);
    }

    [Fact]
    public void Conditions_generic_commands_and_counters_run_inside_the_machine()
    {
        const string source = """
            condition Morning = weekly(Mon-Sun 06:00-12:00)
            start shortcode "*81" {
                generic "COUNTER1:2"
                Again: increment_and_test_counter 1, 4 {
                    on True -> Check
                    on False -> Again
                }
                Check: test_condition Morning {
                    on True -> Greet
                    on False -> disconnect
                }
                Greet: speak_text "Good morning, counter $COUNTER1"
            }
            """;
        var call = new ScriptedCall(source, "Short Codes.*81");
        Assert.Equal("Good morning, counter 4", call.Expect<SpeakEffect>().Text);
    }

    [Fact]
    public void A_flow_that_never_waits_is_faulted_by_the_step_budget()
    {
        const string flows = """
            start shortcode "*82" {
                Spin: generic "INCCOUNTER:$COUNTER1" -> Spin
            }
            """;
        var call = new ScriptedCall(flows, "Short Codes.*82", new MachineOptions { StepBudget = 500 });
        Assert.Equal(ExecutionState.Faulted, call.Current.State);
        Assert.Equal("VF6001", call.Current.Fault!.Code);
        Assert.Equal(500, call.Call.Variables.GetCounter(1));
    }

    [Fact]
    public void A_wrong_pin_three_times_ends_the_call_and_the_right_one_opens_the_action()
    {
        const string flows = """
            start shortcode "*83" {
                transfer "200" {
                    pin "4321"
                }
            }
            """;
        new ScriptedCall(flows, "Short Codes.*83").Keys("1").Keys("2").Keys("3").Ends(EndReason.WrongPin);
        Assert.Equal("transfer", new ScriptedCall(flows, "Short Codes.*83").Keys("0000").Keys("4321").Expect<RequestEffect>().Action);
    }

    [Fact]
    public void Without_Complete_Sequence_a_hang_up_ends_the_call_with_it_the_flow_runs_on_to_the_email()
    {
        const string body = """
                voice_question {
                    max_length 30s
                }
                email "boss@acme.example" {
                    attach $
                }
            }
            """;
        new ScriptedCall("start shortcode \"*84\" {\n" + body, "Short Codes.*84").HangUp().Ends(EndReason.CallerHungUp);

        var call = new ScriptedCall("start shortcode \"*84\" {\n    complete_sequence 30s\n" + body, "Short Codes.*84");
        Assert.Equal("voice_question", call.Expect<RequestEffect>().Action);
        var email = call.HangUp().Expect<RequestEffect>();
        Assert.Equal("email", email.Action);
        Assert.Equal("boss@acme.example", email.Settings["to"]);
    }

    [Fact]
    public void Home_goes_back_to_the_start_point_the_call_entered_by()
    {
        const string flows = """
            start shortcode "*85" {
                menu {
                    key 1 -> goto Other
                    on Timeout, Invalid -> disconnect
                }
            }
            module Other {
                home
            }
            """;
        var call = new ScriptedCall(flows, "Short Codes.*85");
        call.Keys("1").Expect<CollectDigitsEffect>();
        Assert.Equal(0, call.Call.Pc);
    }

    [Fact]
    public void The_same_outcomes_give_the_same_transcript()
    {
        string Run()
        {
            var call = new ScriptedCall(Attendant.Replace("key 2 -> call Support", "key 3 -> Sales"), "Short Codes.*80");
            call.Played("4").Keys("445").Result("Transferred");
            return call.Transcript;
        }
        var first = Run();
        Assert.Equal(first, Run());
        Assert.Contains("request transfer destination=445", first);
    }
}
