using System.Globalization;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.People;

/// <summary>
/// A worker's residence status and the day their card expires: immigration matters, which can get
/// a person deported, so they are stored encrypted like the worker's own words (<see cref="SensitiveText"/>)
/// and a copy of the database does not show who holds which status, or who has none.
/// </summary>
public sealed record Residence(string? Status, DateOnly? CardExpiresOn)
{
    public static Residence None { get; } = new(null, null);

    /// <summary>The stored form: null when nothing is known, else "status|yyyy-MM-dd", encrypted.</summary>
    public string? Protect(SensitiveText sensitive) =>
        Status is null && CardExpiresOn is null
            ? null
            : sensitive.Protect(Status + "|" + CardExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>What was stored, or <see cref="None"/> when nothing was (or a key ring restored without its key cannot open it).</summary>
    public static Residence Read(SensitiveText sensitive, string? protectedText)
    {
        if (protectedText is null || sensitive.Unprotect(protectedText) is not { } plain || plain.Split('|') is not [var status, var expires])
        {
            return None;
        }

        return new(
            status.Length > 0 ? status : null,
            DateOnly.TryParseExact(expires, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null);
    }
}
