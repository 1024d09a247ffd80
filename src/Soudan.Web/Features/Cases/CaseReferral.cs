using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Cases;

/// <summary>
/// A case handed on to a union, a lawyer or a public office, with what the worker agreed to share
/// (PRODUCT.md: a partner receives only that) and, later, what came of it.
/// </summary>
public sealed class CaseReferral : IProtectsFields
{
    public const int OrganisationMaxLength = 200;
    public const int OutcomeMaxLength = 2_000;

    public int Id { get; private set; }

    public int CaseId { get; init; }

    /// <summary>A code of <see cref="Targets"/> (a shelter, a welfare office: it tells of the worker's situation, so encrypted at rest with the two below).</summary>
    public required string To { get; set; }

    /// <summary>Which union, office or lawyer: "Tokyo East Union", "Shinjuku LSIO".</summary>
    public string? Organisation { get; set; }

    /// <summary>Codes of <see cref="Shareable"/> the worker agreed to share.</summary>
    public List<string> Shared { get; set; } = [];

    public string? FieldsProtected { get; set; }

    public const string LegacyTo = "LegacyTo";

    public const string LegacyOrganisation = "LegacyOrganisation";

    public const string LegacyShared = "LegacyShared";

    IReadOnlyList<string> IProtectsFields.LegacyColumns => [LegacyTo, LegacyOrganisation, LegacyShared];

    string? IProtectsFields.PlainFields() =>
        ProtectedFields.Write(new() { ["to"] = [To], ["organisation"] = Organisation is { } o ? [o] : [], ["shared"] = Shared });

    void IProtectsFields.ReadPlainFields(string plain)
    {
        var fields = ProtectedFields.Read(plain);
        (To, Organisation, Shared) = (fields.GetValueOrDefault("to")?.FirstOrDefault() ?? "other", fields.GetValueOrDefault("organisation")?.FirstOrDefault(), fields.GetValueOrDefault("shared") ?? []);
    }

    void IProtectsFields.ReadLegacyColumns(Func<string, object?> value) =>
        (To, Organisation, Shared) = (value(LegacyTo) as string ?? "other", value(LegacyOrganisation) as string, [.. value(LegacyShared) as List<string> ?? []]);

    public required DateTime ReferredAtUtc { get; init; }

    public required Guid ReferredBy { get; init; }

    /// <summary>What came of it, encrypted: it tells of the worker's situation in other words.</summary>
    public string? OutcomeProtected { get; internal set; }

    public DateTime? OutcomeAtUtc { get; private set; }

    public void RecordOutcome(string outcomeProtected, DateTime nowUtc) => (OutcomeProtected, OutcomeAtUtc) = (outcomeProtected, nowUtc);

    /// <summary>The worker's data was erased: what came of the referral told of them.</summary>
    public void ForgetOutcome() => OutcomeProtected = null;

    public static TermList Targets { get; } = new(
    [
        new("union", Localizable.Staff("Union")),
        new("lawyer", Localizable.Staff("Lawyer")),
        new("labor-office", Localizable.Staff("Labor standards inspection office")),
        new("welfare-office", Localizable.Staff("Welfare office")),
        new("hello-work", Localizable.Staff("Hello Work")),
        new("embassy", Localizable.Staff("Embassy or consulate")),
        new("shelter", Localizable.Staff("Shelter")),
        new("other", Localizable.Staff("Other")),
    ]);

    public static TermList Shareable { get; } = new(
    [
        new("name-contact", Localizable.Staff("Name and how to reach the worker")),
        new("story", Localizable.Staff("What happened")),
        new("employer", Localizable.Staff("Employer and agency")),
        new("documents", Localizable.Staff("Documents")),
        new("calculations", Localizable.Staff("Calculations")),
        new("residence", Localizable.Staff("Residence status")),
    ]);
}

internal sealed class CaseReferralConfiguration : IEntityTypeConfiguration<CaseReferral>
{
    public void Configure(EntityTypeBuilder<CaseReferral> builder)
    {
        builder.ToTable("CaseReferrals");
        builder.Ignore(r => r.To);
        builder.Ignore(r => r.Organisation);
        builder.Ignore(r => r.Shared);
        builder.Property<string?>(CaseReferral.LegacyTo).HasColumnName("To").HasMaxLength(32);
        builder.Property<string?>(CaseReferral.LegacyOrganisation).HasColumnName("Organisation").HasMaxLength(CaseReferral.OrganisationMaxLength);
        builder.PrimitiveCollection<List<string>?>(CaseReferral.LegacyShared).HasColumnName("Shared");
        builder.HasIndex(r => new { r.CaseId, r.ReferredAtUtc });
        builder.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
