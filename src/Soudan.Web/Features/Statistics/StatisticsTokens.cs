using System.Security.Cryptography;
using System.Text;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Statistics;

/// <summary>
/// Residence statuses as the statistics keep them: HMAC(key, code), with a key derived from the
/// key-encryption key, which is not in the database. Rows with one status share a token, so the
/// database can count them; only the app, holding the key, knows which status a token stands for.
/// What remains visible to someone holding only the database is how many rows share each token.
/// </summary>
public sealed class StatisticsTokens
{
    private readonly byte[] _key;
    private readonly Dictionary<string, string> _codes;

    public StatisticsTokens(KeyEncryptionKey keys)
    {
        _key = keys.Derive("statistics-residence");
        _codes = ConsultationTerms.ResidenceStatuses.All.ToDictionary(t => Residence(t.Code)!, t => t.Code, StringComparer.Ordinal);
    }

    /// <summary>The token of a residence status; none when the status is not known.</summary>
    public string? Residence(string? code) =>
        code is null ? null : Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("residence:" + code)))[..32];

    /// <summary>The status a token stands for, or null for one this version does not know.</summary>
    public string? ResidenceOf(string? token) => token is not null && _codes.TryGetValue(token, out var code) ? code : null;
}
