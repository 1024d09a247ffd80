using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Privacy;

public enum ThirdPartyDirection
{
    /// <summary>Soudan's organisation passed the data on (APPI Art. 29): a referral that shared something.</summary>
    Provided = 1,

    /// <summary>Another organisation passed it to Soudan's (Art. 30): a case referred in.</summary>
    Received = 2,
}

/// <summary>
/// The record the law asks for when personal data goes to another organisation or comes from one:
/// who, whose, what, when, and on what ground. Kept at least <see cref="KeepYears"/> years, even when the
/// case's personal data is erased before that (docs/privacy.md, "Records of provision and receipt").
/// Everything but the dates is encrypted at rest: the organisation alone (a shelter) tells of the worker.
/// </summary>
public sealed class ThirdPartyRecord : IProtectsFields
{
    /// <summary>Enforcement Rules Arts. 21 and 25: three years for records made one by one.</summary>
    public const int KeepYears = 3;

    public const int TextMaxLength = 300;

    public long Id { get; private set; }

    public required ThirdPartyDirection Direction { get; init; }

    public required int CaseId { get; init; }

    public int? ReferralId { get; init; }

    /// <summary>The day in Japan it was passed on or received.</summary>
    public required DateOnly On { get; init; }

    public required DateTime RecordedAtUtc { get; init; }

    public required Guid RecordedBy { get; init; }

    /// <summary>Not erased before this, whatever happens to the case; erased after it once the case is.</summary>
    public required DateTime KeepUntilUtc { get; init; }

    /// <summary>Whose data: the names of the case's workers when it was recorded.</summary>
    public List<string> People { get; set; } = [];

    /// <summary>The recipient or the provider.</summary>
    public string Organisation { get; set; } = "";

    public string? Address { get; set; }

    /// <summary>The representative, for a corporation or a union.</summary>
    public string? Representative { get; set; }

    /// <summary>Codes of <see cref="CaseReferral.Shareable"/>.</summary>
    public List<string> Items { get; set; } = [];

    /// <summary>Provided: "consent" or a code of <see cref="Grounds"/>.</summary>
    public string? Basis { get; set; }

    /// <summary>Provided with consent: a code of <see cref="ConsentWays"/>.</summary>
    public string? ConsentHow { get; set; }

    /// <summary>Received: how the provider obtained the data ("the worker came to our union's office").</summary>
    public string? HowObtained { get; set; }

    public string? FieldsProtected { get; set; }

    IReadOnlyList<string> IProtectsFields.LegacyColumns => [];

    string? IProtectsFields.PlainFields() => ProtectedFields.Write(new()
    {
        ["people"] = People,
        ["organisation"] = [Organisation],
        ["address"] = Address is { } a ? [a] : [],
        ["representative"] = Representative is { } r ? [r] : [],
        ["items"] = Items,
        ["basis"] = Basis is { } b ? [b] : [],
        ["consentHow"] = ConsentHow is { } c ? [c] : [],
        ["howObtained"] = HowObtained is { } h ? [h] : [],
    });

    void IProtectsFields.ReadPlainFields(string plain)
    {
        var fields = ProtectedFields.Read(plain);
        string? One(string key) => fields.GetValueOrDefault(key)?.FirstOrDefault();
        (People, Organisation, Address, Representative) = (fields.GetValueOrDefault("people") ?? [], One("organisation") ?? "", One("address"), One("representative"));
        (Items, Basis, ConsentHow, HowObtained) = (fields.GetValueOrDefault("items") ?? [], One("basis"), One("consentHow"), One("howObtained"));
    }

    void IProtectsFields.ReadLegacyColumns(Func<string, object?> value)
    {
    }

    public const string Consent = "consent";

    /// <summary>Art. 27(1): when data may go on without the person's consent.</summary>
    public static TermList Grounds { get; } = new(
    [
        new("law", Localizable.Staff("Required by a law (a court order, an inquiry under a statute)")),
        new("life", Localizable.Staff("To protect life, body or property, and consent cannot be obtained")),
        new("public-health", Localizable.Staff("For public health or a child's welfare, and consent cannot be obtained")),
        new("public-body", Localizable.Staff("To help a public body carry out its duties, where asking would hinder them")),
    ]);

    public static TermList ConsentWays { get; } = new(
    [
        new("phone", Localizable.Staff("On the phone")),
        new("in-person", Localizable.Staff("In person")),
        new("writing", Localizable.Staff("In writing")),
        new("message", Localizable.Staff("By message (e-mail, LINE, the private page)")),
    ]);
}

internal sealed class ThirdPartyRecordConfiguration : IEntityTypeConfiguration<ThirdPartyRecord>
{
    public void Configure(EntityTypeBuilder<ThirdPartyRecord> builder)
    {
        builder.ToTable("ThirdPartyRecords");
        builder.Ignore(r => r.People);
        builder.Ignore(r => r.Organisation);
        builder.Ignore(r => r.Address);
        builder.Ignore(r => r.Representative);
        builder.Ignore(r => r.Items);
        builder.Ignore(r => r.Basis);
        builder.Ignore(r => r.ConsentHow);
        builder.Ignore(r => r.HowObtained);
        builder.HasIndex(r => new { r.CaseId, r.On });
        builder.HasIndex(r => r.KeepUntilUtc);
        builder.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CaseReferral>().WithMany().HasForeignKey(r => r.ReferralId).OnDelete(DeleteBehavior.SetNull);
    }
}
