using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CallFlow.Email.Tests.Support;

/// <summary>A self-signed certificate for localhost and 127.0.0.1, written as PEM files for aiosmtpd, with its SHA-256 pin.</summary>
internal sealed class TestCertificate
{
    private TestCertificate(string certificatePath, string keyPath, string sha256)
    {
        CertificatePath = certificatePath;
        KeyPath = keyPath;
        Sha256 = sha256;
    }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    /// <summary>What email.senders[].certificate_sha256 takes.</summary>
    public string Sha256 { get; }

    public static TestCertificate Create(string directory)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var certificatePath = Path.Combine(directory, "smtp.crt");
        var keyPath = Path.Combine(directory, "smtp.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return new TestCertificate(certificatePath, keyPath, Convert.ToHexString(SHA256.HashData(certificate.RawData)));
    }
}
