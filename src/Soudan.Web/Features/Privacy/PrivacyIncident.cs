using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Infrastructure.Security;
using Soudan.Web.Infrastructure.Time;

namespace Soudan.Web.Features.Privacy;

/// <summary>
/// A suspected leak, loss or damage of personal data (APPI Art. 26), recorded by an admin at
/// <c>/staff/incidents</c> with the deadlines of the reports it calls for. The rules of when a report
/// is due and by when are in docs/privacy.md, "Incidents".
/// </summary>
public sealed class PrivacyIncident : IProtectsFields
{
    public const int TextMaxLength = 4_000;

    /// <summary>More people than this makes a report due whatever the data (Enforcement Rules Art. 7 item 4).</summary>
    public const int PeopleThreshold = 1_000;

    public int Id { get; private set; }

    /// <summary>When the organisation came to know of it: every deadline counts from this day in Japan.</summary>
    public required DateTime FoundAtUtc { get; set; }

    public required DateTime RecordedAtUtc { get; init; }

    public required Guid RecordedBy { get; init; }

    /// <summary>What happened and what data: it may name people, so encrypted at rest with <see cref="Measures"/>.</summary>
    public string What { get; set; } = "";

    /// <summary>What was done to stop it and to prevent it again.</summary>
    public string? Measures { get; set; }

    /// <summary>How many people may be affected; null while unknown.</summary>
    public int? PeopleAffected { get; set; }

    /// <summary>Special-care data (health, criminal record, being a victim, creed...): Art. 7 item 1.</summary>
    public bool Sensitive { get; set; }

    /// <summary>Data whose misuse may cause financial loss (a bank account, a card): item 2.</summary>
    public bool FinancialRisk { get; set; }

    /// <summary>Caused by an act with a wrongful purpose (an intrusion, theft, a staff member's misuse): item 3, and 60 days for the final report.</summary>
    public bool Malicious { get; set; }

    public DateTime? PreliminaryReportedAtUtc { get; set; }

    public DateTime? FinalReportedAtUtc { get; set; }

    public DateTime? PeopleNotifiedAtUtc { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    public string? FieldsProtected { get; set; }

    IReadOnlyList<string> IProtectsFields.LegacyColumns => [];

    string? IProtectsFields.PlainFields() =>
        ProtectedFields.Write(new() { ["what"] = [What], ["measures"] = Measures is { } m ? [m] : [] });

    void IProtectsFields.ReadPlainFields(string plain)
    {
        var fields = ProtectedFields.Read(plain);
        (What, Measures) = (fields.GetValueOrDefault("what")?.FirstOrDefault() ?? "", fields.GetValueOrDefault("measures")?.FirstOrDefault());
    }

    void IProtectsFields.ReadLegacyColumns(Func<string, object?> value)
    {
    }

    /// <summary>A report to the Commission and a notice to the people are due (Art. 26, Enforcement Rules Art. 7).</summary>
    public bool MustReport => Sensitive || FinancialRisk || Malicious || PeopleAffected > PeopleThreshold;

    public DateOnly FoundOn => DateOnly.FromDateTime(JapanTime.FromUtc(FoundAtUtc));

    /// <summary>"Promptly": the Commission's guidelines read it as about three to five days from knowing.</summary>
    public DateOnly PreliminaryDueOn => FoundOn.AddDays(5);

    /// <summary>30 days from knowing, 60 for an act with a wrongful purpose (Enforcement Rules Art. 8(2)).</summary>
    public DateOnly FinalDueOn => FoundOn.AddDays(Malicious ? 60 : 30);

    /// <summary>The next report still to make, and its last day; null when none is due or all are made.</summary>
    public (string Report, DateOnly DueOn)? NextDeadline =>
        !MustReport || ClosedAtUtc is not null ? null
        : PreliminaryReportedAtUtc is null ? ("preliminary", PreliminaryDueOn)
        : FinalReportedAtUtc is null ? ("final", FinalDueOn)
        : null;
}

internal sealed class PrivacyIncidentConfiguration : IEntityTypeConfiguration<PrivacyIncident>
{
    public void Configure(EntityTypeBuilder<PrivacyIncident> builder)
    {
        builder.ToTable("PrivacyIncidents");
        builder.Ignore(i => i.What);
        builder.Ignore(i => i.Measures);
        builder.HasIndex(i => i.FoundAtUtc);
    }
}
