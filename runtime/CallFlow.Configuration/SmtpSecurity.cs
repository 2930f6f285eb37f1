namespace CallFlow.Configuration;

/// <summary>How a connection to an SMTP server is protected (reference §10.2: plain text and SSL/TLS are both supported).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP, no encryption (<c>"none"</c>; default port 25).</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS before anything else is sent (<c>"starttls"</c>; default port 25).</summary>
    StartTls,

    /// <summary>TLS from the first byte, "SMTPS" (<c>"tls"</c>; default port 465).</summary>
    Tls,
}
