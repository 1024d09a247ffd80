using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Soudan.Web.Infrastructure.Security;

/// <summary>
/// Encrypts what a worker writes in their own words (the story of their consultation, messages):
/// it can tell of health, sexual orientation or immigration matters, which APPI treats as
/// sensitive. Encrypted with Data Protection, whose key ring is itself encrypted with a key kept
/// outside the database, so a copy of the database does not reveal it.
/// </summary>
public sealed class SensitiveText(IDataProtectionProvider provider)
{
    public const string Purpose = "Soudan.SensitiveText.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    /// <summary>The text, or null when it cannot be decrypted (a key ring restored without its key).</summary>
    public string? Unprotect(string protectedText)
    {
        try
        {
            return _protector.Unprotect(protectedText);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
