using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.People;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Privacy;

/// <summary>
/// A person's request about their data (APPI Arts. 33 to 35: to see it, correct it, stop using it or
/// passing it on, erase it), recorded by staff when it comes in by phone, in person or in writing, and
/// what was done about it. What they asked and what was done are encrypted like a note.
/// </summary>
public sealed class PrivacyRequest : IProtectsFields
{
    public const int TextMaxLength = 2_000;

    public int Id { get; private set; }

    public required int PersonId { get; init; }

    /// <summary>A code of <see cref="Kinds"/>.</summary>
    public required string Kind { get; init; }

    public required DateOnly ReceivedOn { get; init; }

    /// <summary>A code of <see cref="ThirdPartyRecord.ConsentWays"/>: how it reached us.</summary>
    public required string ReceivedHow { get; init; }

    public required DateTime RecordedAtUtc { get; init; }

    public required Guid RecordedBy { get; init; }

    public string Details { get; set; } = "";

    /// <summary>A code of <see cref="Actions"/> once decided.</summary>
    public string? Action { get; private set; }

    public string? ActionTaken { get; set; }

    public DateTime? DecidedAtUtc { get; private set; }

    public Guid? DecidedBy { get; private set; }

    public bool IsOpen => DecidedAtUtc is null;

    public void Decide(string action, string taken, Guid actor, DateTime nowUtc) =>
        (Action, ActionTaken, DecidedBy, DecidedAtUtc) = (action, taken, actor, nowUtc);

    public string? FieldsProtected { get; set; }

    IReadOnlyList<string> IProtectsFields.LegacyColumns => [];

    string? IProtectsFields.PlainFields() =>
        ProtectedFields.Write(new() { ["details"] = [Details], ["taken"] = ActionTaken is { } t ? [t] : [] });

    void IProtectsFields.ReadPlainFields(string plain)
    {
        var fields = ProtectedFields.Read(plain);
        (Details, ActionTaken) = (fields.GetValueOrDefault("details")?.FirstOrDefault() ?? "", fields.GetValueOrDefault("taken")?.FirstOrDefault());
    }

    void IProtectsFields.ReadLegacyColumns(Func<string, object?> value)
    {
    }

    public static TermList Kinds { get; } = new(
    [
        new("disclosure", Localizable.Staff("To see what we hold (Art. 33)")),
        new("correction", Localizable.Staff("To correct, add or delete something wrong (Art. 34)")),
        new("stop-use", Localizable.Staff("To stop using or to erase their data (Art. 35)")),
        new("stop-provision", Localizable.Staff("To stop passing their data on (Art. 35(3))")),
    ]);

    /// <summary>What was done: each but "refused" and "corrected" acts in Soudan as it is recorded.</summary>
    public static TermList Actions { get; } = new(
    [
        new("corrected", Localizable.Staff("Corrected (say what, in which record)")),
        new("restricted", Localizable.Staff("Use stopped: no referral, nothing passed on, until lifted")),
        new("erasure", Localizable.Staff("Erase: each of their cases goes before its counselor to erase or keep under legal hold")),
        new("disclosed", Localizable.Staff("Disclosed (the archive was given)")),
        new("refused", Localizable.Staff("Refused (say the legal reason; tell the person)")),
    ]);
}

internal sealed class PrivacyRequestConfiguration : IEntityTypeConfiguration<PrivacyRequest>
{
    public void Configure(EntityTypeBuilder<PrivacyRequest> builder)
    {
        builder.ToTable("PrivacyRequests");
        builder.Ignore(r => r.Details);
        builder.Ignore(r => r.ActionTaken);
        builder.Property(r => r.Kind).HasMaxLength(32);
        builder.Property(r => r.ReceivedHow).HasMaxLength(32);
        builder.Property(r => r.Action).HasMaxLength(32);
        builder.HasIndex(r => new { r.PersonId, r.ReceivedOn });
        builder.HasIndex(r => r.DecidedAtUtc);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
