using System.Security.Cryptography;
using System.Text;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Statistics;

/// <summary>
/// Residence statuses as the statistics keep them, and the keys that tie a row of figures to its
/// consultation or case: HMAC(key, …), with keys derived from the key-encryption key, which is not
/// in the database. Rows with one status share a token, so the
/// database can count them; only the app, holding the key, knows which status a token stands for.
/// What remains visible to someone holding only the database is how many rows share each token.
/// </summary>
public sealed class StatisticsTokens
{
    private readonly byte[] _key;
    private readonly byte[] _sourceKey;
    private readonly Dictionary<string, string> _codes;

    public StatisticsTokens(KeyEncryptionKey keys)
    {
        _key = keys.Derive("statistics-residence");
        _sourceKey = keys.Derive("statistics-sources");
        _codes = ConsultationTerms.ResidenceStatuses.All.ToDictionary(t => Residence(t.Code)!, t => t.Code, StringComparer.Ordinal);
    }

    /// <summary>
    /// The key of a consultation's or call's row of figures: from its reference, which exists before
    /// it is saved. Without the key, nothing in the database leads from a row of figures (its problems,
    /// urgent needs, tags) back to the consultation and its name.
    /// </summary>
    public string SourceOf(Intake intake) => SourceOfIntake(intake.Reference);

    public string SourceOfIntake(string reference) => Source("intake:" + reference);

    /// <summary>The key of a case's row of figures: from its random seed, or its id for a case made before cases had one.</summary>
    public string SourceOf(Cases.Case @case) =>
        @case.StatisticsSeed is { } seed ? Source("case:" + seed.ToString("N")) : Source("case-id:" + @case.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private string Source(string what) => Convert.ToHexStringLower(HMACSHA256.HashData(_sourceKey, Encoding.UTF8.GetBytes(what)))[..32];

    /// <summary>The token of a residence status; none when the status is not known.</summary>
    public string? Residence(string? code) =>
        code is null ? null : Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("residence:" + code)))[..32];

    /// <summary>The status a token stands for, or null for one this version does not know.</summary>
    public string? ResidenceOf(string? token) => token is not null && _codes.TryGetValue(token, out var code) ? code : null;
}
