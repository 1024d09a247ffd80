using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Cases;

/// <summary>
/// What a case won for the worker, asked for when it is resolved or closed: the money recovered by
/// kind (in yen, as the statistics add it up), the benefits obtained, reinstatement, a visa resolved.
/// </summary>
public sealed class CaseOutcome : IProtectsFields
{
    /// <summary>Ten billion yen: far above any real claim, low enough to catch a slipped key.</summary>
    public const long MaxYen = 10_000_000_000;

    public int CaseId { get; init; }

    public long UnpaidWagesYen { get; private set; }

    public long LeaveAllowanceYen { get; private set; }

    public long OvertimeYen { get; private set; }

    public long NoticeAllowanceYen { get; private set; }

    public long OtherYen { get; private set; }

    /// <summary>Codes of <see cref="BenefitKinds"/> (public assistance, workers' compensation: encrypted at rest with the two below).</summary>
    public List<string> Benefits { get; private set; } = [];

    public bool Reinstated { get; private set; }

    /// <summary>The residence status was put right: an immigration matter.</summary>
    public bool VisaResolved { get; private set; }

    public string? FieldsProtected { get; set; }

    public const string LegacyBenefits = "LegacyBenefits";

    public const string LegacyReinstated = "LegacyReinstated";

    public const string LegacyVisaResolved = "LegacyVisaResolved";

    IReadOnlyList<string> IProtectsFields.LegacyColumns => [LegacyBenefits, LegacyReinstated, LegacyVisaResolved];

    string? IProtectsFields.PlainFields() =>
        Benefits.Count == 0 && !Reinstated && !VisaResolved
            ? null
            : ProtectedFields.Write(new() { ["benefits"] = Benefits, ["won"] = [.. new[] { Reinstated ? "reinstated" : null, VisaResolved ? "visa-resolved" : null }.OfType<string>()] });

    void IProtectsFields.ReadPlainFields(string plain)
    {
        var fields = ProtectedFields.Read(plain);
        var won = fields.GetValueOrDefault("won") ?? [];
        (Benefits, Reinstated, VisaResolved) = (fields.GetValueOrDefault("benefits") ?? [], won.Contains("reinstated"), won.Contains("visa-resolved"));
    }

    void IProtectsFields.ReadLegacyColumns(Func<string, object?> value) =>
        (Benefits, Reinstated, VisaResolved) = ([.. value(LegacyBenefits) as List<string> ?? []], value(LegacyReinstated) as bool? ?? false, value(LegacyVisaResolved) as bool? ?? false);

    public DateTime RecordedAtUtc { get; private set; }

    public static CaseOutcome Of(IReadOnlyDictionary<string, long> money, IEnumerable<string> benefits, bool reinstated, bool visaResolved, DateTime nowUtc)
    {
        var outcome = new CaseOutcome();
        outcome.Set(money, benefits, reinstated, visaResolved, nowUtc);
        return outcome;
    }

    /// <summary>Replaces what was recorded: a case reopened and closed again is counted once, as it ended.</summary>
    public void ReplaceWith(CaseOutcome other) =>
        Set(MoneyKinds.All.ToDictionary(k => k.Code, k => other.Yen(k.Code)), other.Benefits, other.Reinstated, other.VisaResolved, other.RecordedAtUtc);

    private void Set(IReadOnlyDictionary<string, long> money, IEnumerable<string> benefits, bool reinstated, bool visaResolved, DateTime nowUtc)
    {
        UnpaidWagesYen = money.GetValueOrDefault("unpaid-wages");
        LeaveAllowanceYen = money.GetValueOrDefault("leave-allowance");
        OvertimeYen = money.GetValueOrDefault("overtime");
        NoticeAllowanceYen = money.GetValueOrDefault("notice-allowance");
        OtherYen = money.GetValueOrDefault("other");
        Benefits = [.. benefits.Distinct()];
        Reinstated = reinstated;
        VisaResolved = visaResolved;
        RecordedAtUtc = nowUtc;
    }

    public long TotalYen => UnpaidWagesYen + LeaveAllowanceYen + OvertimeYen + NoticeAllowanceYen + OtherYen;

    public bool IsEmpty => TotalYen == 0 && Benefits.Count == 0 && !Reinstated && !VisaResolved;

    /// <summary>The kinds of money recovered, as form fields and statistics name them.</summary>
    public static TermList MoneyKinds { get; } = new(
    [
        new("unpaid-wages", Localizable.Staff("Unpaid wages")),
        new("leave-allowance", Localizable.Staff("Leave allowance (休業手当)")),
        new("overtime", Localizable.Staff("Overtime premiums")),
        new("notice-allowance", Localizable.Staff("Notice allowance (解雇予告手当)")),
        new("other", Localizable.Staff("Other money")),
    ]);

    /// <summary>DOMAIN.md §3: the benefits counselors help workers obtain.</summary>
    public static TermList BenefitKinds { get; } = new(
    [
        new("unemployment", Localizable.Staff("Unemployment benefit (雇用保険 基本手当)")),
        new("housing-security", Localizable.Staff("Housing security benefit (住居確保給付金)")),
        new("emergency-loan", Localizable.Staff("Emergency small-amount fund (緊急小口資金)")),
        new("leave-support", Localizable.Staff("Leave support payment (休業支援金)")),
        new("public-assistance", Localizable.Staff("Public assistance (生活保護)")),
        new("workers-compensation", Localizable.Staff("Workers' accident compensation (労災保険)")),
        new("other", Localizable.Staff("Another benefit")),
    ]);

    public long Yen(string kind) => kind switch
    {
        "unpaid-wages" => UnpaidWagesYen,
        "leave-allowance" => LeaveAllowanceYen,
        "overtime" => OvertimeYen,
        "notice-allowance" => NoticeAllowanceYen,
        _ => OtherYen,
    };
}

internal sealed class CaseOutcomeConfiguration : IEntityTypeConfiguration<CaseOutcome>
{
    public void Configure(EntityTypeBuilder<CaseOutcome> builder)
    {
        builder.ToTable("CaseOutcomes");
        builder.HasKey(o => o.CaseId);
        builder.Ignore(o => o.TotalYen);
        builder.Ignore(o => o.IsEmpty);
        builder.Ignore(o => o.Benefits);
        builder.Ignore(o => o.Reinstated);
        builder.Ignore(o => o.VisaResolved);
        builder.PrimitiveCollection<List<string>?>(CaseOutcome.LegacyBenefits).HasColumnName("Benefits");
        builder.Property<bool?>(CaseOutcome.LegacyReinstated).HasColumnName("Reinstated");
        builder.Property<bool?>(CaseOutcome.LegacyVisaResolved).HasColumnName("VisaResolved");
    }
}
