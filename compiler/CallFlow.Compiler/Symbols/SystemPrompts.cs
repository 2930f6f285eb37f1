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
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
