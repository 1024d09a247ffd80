using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Intakes;

/// <summary>
/// The secret in a worker's follow-up link (<c>/{lang}/c/{token}</c>): 128 bits, stored only as a
/// SHA-256 hash. It is derived (HMAC) from the submission key that only the worker's browser holds,
/// with a key kept outside the database: sending the same form twice (a double tap, a reload) shows
/// the same link again, and nothing in a copy of the database leads back to it.
/// </summary>
public sealed class FollowUpTokens(KeyEncryptionKey keys)
{
    public const int TokenLength = 22;

    private readonly byte[] _key = keys.Derive("follow-up-tokens");

    public string For(string submissionKey) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(submissionKey)).AsSpan(0, 16));

    /// <summary>A link made anew by staff (the old one was revoked): 128 random bits.</summary>
    public static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    public static string Hash(string value) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>A token can only be 22 base64url characters: anything else is not looked up at all.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
