namespace CallFlow.Configuration;

/// <summary>
/// The account CallFlow answers a PBX's Digest challenge with (<c>server.pbx_auth</c>) when the calls it places
/// (pages, transfers, call-back, alarms) are refused 401 or 407 (RFC 3261 §22.2).
/// </summary>
/// <param name="User">The user name (often the SIP trunk's or extension's name).</param>
/// <param name="Password">The password, when it is written in the file.</param>
/// <param name="PasswordFile">A file holding the password, read at each challenge (relative to the configuration's folder).</param>
public sealed record SipCredentials(string User, string? Password, string? PasswordFile);
