using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Cases;

/// <summary>
/// A case handed on to a union, a lawyer or a public office, with what the worker agreed to share
/// (PRODUCT.md: a partner receives only that) and, later, what came of it.
/// </summary>
public sealed class CaseReferral
{
    public const int OrganisationMaxLength = 200;
    public const int OutcomeMaxLength = 2_000;

    public int Id { get; private set; }

    public int CaseId { get; init; }

    /// <summary>A code of <see cref="Targets"/>.</summary>
    public required string To { get; init; }

    /// <summary>Which union, office or lawyer: "Tokyo East Union", "Shinjuku LSIO".</summary>
    public string? Organisation { get; init; }

    /// <summary>Codes of <see cref="Shareable"/> the worker agreed to share.</summary>
    public List<string> Shared { get; init; } = [];

    public required DateTime ReferredAtUtc { get; init; }

    public required Guid ReferredBy { get; init; }

    /// <summary>What came of it, encrypted: it tells of the worker's situation in other words.</summary>
    public string? OutcomeProtected { get; internal set; }

    public DateTime? OutcomeAtUtc { get; private set; }

    public void RecordOutcome(string outcomeProtected, DateTime nowUtc) => (OutcomeProtected, OutcomeAtUtc) = (outcomeProtected, nowUtc);

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
        builder.Property(r => r.To).HasMaxLength(32);
        builder.Property(r => r.Organisation).HasMaxLength(CaseReferral.OrganisationMaxLength);
        builder.HasIndex(r => new { r.CaseId, r.ReferredAtUtc });
        builder.HasIndex(r => r.To);
        builder.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
