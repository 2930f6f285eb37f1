using System.Collections.Frozen;

namespace CallFlow.Compiler.Symbols;

/// <summary>
/// The standard prompts a flow can name with <c>system(name)</c>, with their English text. The audio for each
/// language is rendered from this catalogue (the prompts issue); the compiler only needs the names to catch typos.
/// </summary>
public static class SystemPrompts
{
    public static FrozenDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["welcome"] = "Welcome.",
        ["goodbye"] = "Goodbye.",
        ["thank_you"] = "Thank you.",
        ["please_wait"] = "Please wait.",
        ["please_hold"] = "Please hold while we connect your call.",
        ["no_entry"] = "Sorry, I did not hear your choice.",
        ["invalid_entry"] = "Sorry, that is not a valid choice.",
        ["try_again"] = "Please try again.",
        ["office_closed"] = "Our office is now closed.",
        ["holiday_closed"] = "Our office is closed for the holiday.",
        ["leave_message"] = "Please leave a message after the tone.",
        ["not_available"] = "The person you are calling is not available.",
        ["busy"] = "The line is busy.",
        ["no_answer"] = "There is no answer.",
        ["transferring"] = "Transferring your call.",
        ["enter_extension"] = "Please enter the extension number.",
        ["enter_pin"] = "Please enter your PIN.",
        ["enter_mailbox"] = "Please enter your mailbox number.",
        ["dial_by_name"] = "Please key the name of the person you want.",
        ["operator"] = "To speak to the operator, press 0.",
        ["press_1_to_accept"] = "Press 1 to accept the call.",
        ["call_parked"] = "Please hold; someone will be with you shortly.",
        ["page_announcement"] = "There is a call waiting for you in park slot",
        ["music_on_hold"] = "",
        ["record_tone"] = "",
        ["minutes"] = "minutes.",
        ["in_the_queue"] = "in the queue.",
        ["you_are_caller"] = "You are caller number",
        ["your_call_is_important"] = "Your call is important to us.",
        ["message_saved"] = "Your message has been saved.",
        ["message_deleted"] = "Message deleted.",
        ["alarm_call"] = "This is an alarm call, please hang up.",
        ["calling_number_is"] = "You are calling from",
        ["invalid_pin"] = "That PIN is not correct.",
        ["the_time_is"] = "The time is",
        ["enter_alarm_time"] = "Please enter the alarm time as four digits, hours and minutes.",
        ["invalid_time"] = "That is not a valid time.",
        // The mailbox interfaces (stdlib/).
        ["you_have"] = "You have",
        ["new_messages"] = "new messages,",
        ["saved_messages"] = "saved messages,",
        ["old_messages"] = "old messages.",
        ["no_more_messages"] = "There are no more messages.",
        ["message_from"] = "Message from",
        ["unknown_caller"] = "an unknown caller,",
        ["received"] = "received",
        ["message_forwarded"] = "Your message has been forwarded.",
        ["record_name"] = "Please say your name after the tone, then press hash.",
        ["record_greeting"] = "Please record your greeting after the tone, then press hash.",
        ["greeting_deleted"] = "Your greeting has been deleted.",
        ["no_greeting"] = "You have not recorded this greeting.",
        ["set_code_first"] = "Welcome to your mailbox. First, please choose a voicemail code.",
        ["enter_new_code"] = "Please enter your new voicemail code, then press hash.",
        ["enter_code_again"] = "Please enter the same code again, then press hash.",
        ["invalid_code"] = "That code cannot be used. Please avoid repeated digits, runs of digits and your extension number.",
        ["codes_differ"] = "The two codes were different.",
        ["code_changed"] = "Your voicemail code has been changed.",
        ["intuity_main_menu"] = "To get your messages, press 2. For personal options, press 5. For greetings, press 3. For help, press star 4.",
        ["intuity_help"] = "Press 2 to hear your messages, 3 for your greetings and 5 for personal options. Press star star 9 to hang up.",
        ["intuity_after_message"] = "To save it, press 7. To delete it, press star 3. To forward it, press 1. To replay it, press 2. To skip it, press hash.",
        ["intuity_options"] = "To change your code, press 4. To record your name, press 5. To return to the main menu, press star.",
        ["greetings_menu"] = "To hear your greeting, press 1. To record it, press 2. To delete it, press 3. To return, press star.",
        ["ipoffice_message_keys"] = "Press 1 to replay, 3 to delete, 4 for the previous message, 6 for the next, hash to save, 0 to forward.",
        ["ipoffice_main_keys"] = "To hear your messages again, press 1. To record your greeting, press star 0 1. To change your code, press star 0 4.",
        ["ipoffice_help"] = "For help at any time, press 8.",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
