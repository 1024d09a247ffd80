using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Intakes;

/// <summary>What triage made of a consultation.</summary>
public enum TriageOutcome
{
    Pending = 0,
    CaseOpened = 1,
    AttachedToCase = 2,
    Spam = 3,
    Duplicate = 4,
}

/// <summary>Where a consultation stands, as the worker reads it on the follow-up page.</summary>
public enum IntakeStatus
{
    Received = 0,
    InProgress = 1,
    Answered = 2,
    Closed = 3,
}

/// <summary>
/// A consultation sent without an account, through the online form or the API: who the person is,
/// how to reach them, what happened. The worker's own words are stored encrypted
/// (<see cref="StoryProtected"/>); the follow-up token only as a hash.
/// </summary>
public sealed class Intake : IProtectsFields
{
    public const int NameMaxLength = 100;
    public const int PhoneMaxLength = 40;
    public const int EmailMaxLength = 254;
    public const int LineIdMaxLength = 100;
    public const int ShortTextMaxLength = 200;
    public const int StoryMaxLength = 10_000;

    public long Id { get; private set; }

    /// <summary>Read over the phone: nine digits, the last a check digit (<see cref="IntakeReference"/>).</summary>
    public required string Reference { get; init; }

    public required string FollowUpTokenHash { get; set; }

    /// <summary>A hash of the key the form or API caller sent, so that sending twice makes one intake.</summary>
    public required string SubmissionKeyHash { get; init; }

    public required DateTime ReceivedAtUtc { get; init; }

    /// <summary><c>web-form</c> or <c>api</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The public language the person used (<c>tl</c>, <c>ja-easy</c>): replies and the follow-up page use it.</summary>
    public required string InterfaceLanguage { get; init; }

    /// <summary>The language they want to be answered in: any language code, not only the interface languages.</summary>
    public string? PreferredLanguage { get; set; }

    public string? Name { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? LineId { get; set; }

    public string? OtherContact { get; set; }

    public string? BestTime { get; set; }

    public bool? SafeToLeaveMessage { get; set; }

    public bool? SafeToSayWhoIsCalling { get; set; }

    public string? PrefectureCode { get; init; }

    public string? Nationality { get; init; }

    /// <summary>The residence status code, encrypted (<see cref="People.Residence"/>: immigration matters).</summary>
    public string? ResidenceProtected { get; set; }

    public string? Employer { get; set; }

    public string? DispatchAgency { get; set; }

    public string? EmploymentType { get; init; }

    public string? Industry { get; init; }

    /// <summary>The problem codes (<c>outing-or-discrimination</c>...): encrypted at rest, in <see cref="FieldsProtected"/>.</summary>
    public List<string> Problems { get; init; } = [];

    /// <summary>The urgent needs ticked (<c>in-danger</c>...): encrypted at rest, in <see cref="FieldsProtected"/>.</summary>
    public List<string> UrgentNeeds { get; init; } = [];

    /// <summary>What tells of the person's situation (<see cref="Problems"/>, <see cref="UrgentNeeds"/>), encrypted (<see cref="ProtectedFields"/>).</summary>
    public string? FieldsProtected { get; set; }

    public const string LegacyProblems = "LegacyProblems";

    public const string LegacyUrgentNeeds = "LegacyUrgentNeeds";

    public const string LegacyTriageReason = "LegacyTriageReason";

    IReadOnlyList<string> IProtectsFields.LegacyColumns => [LegacyProblems, LegacyUrgentNeeds, LegacyTriageReason];

    string? IProtectsFields.PlainFields() =>
        Problems.Count + UrgentNeeds.Count == 0 && TriageReason is null
            ? null
            : ProtectedFields.Write(new() { ["problems"] = Problems, ["urgent"] = UrgentNeeds, ["triage-reason"] = TriageReason is { } why ? [why] : [] });

    void IProtectsFields.ReadPlainFields(string plain)
    {
        var fields = ProtectedFields.Read(plain);
        Refill(Problems, fields.GetValueOrDefault("problems"));
        Refill(UrgentNeeds, fields.GetValueOrDefault("urgent"));
        TriageReason = fields.GetValueOrDefault("triage-reason")?.FirstOrDefault();
    }

    void IProtectsFields.ReadLegacyColumns(Func<string, object?> value)
    {
        Refill(Problems, value(LegacyProblems) as List<string>);
        Refill(UrgentNeeds, value(LegacyUrgentNeeds) as List<string>);
        TriageReason = value(LegacyTriageReason) as string;
    }

    private static void Refill(List<string> list, List<string>? values)
    {
        list.Clear();
        list.AddRange(values ?? []);
    }

    /// <summary>Any urgent need ticked: these come first in the staff list.</summary>
    public bool IsUrgent { get; init; }

    /// <summary>The honeypot was filled: kept (a person may have been unlucky) but listed apart.</summary>
    public bool IsSuspectedSpam { get; init; }

    /// <summary>What happened, in the worker's words and script, encrypted.</summary>
    public string? StoryProtected { get; set; }

    /// <summary>When the worker agreed to the privacy notice; null for a call whose caller did not agree to keep what they said.</summary>
    public DateTime? ConsentedAtUtc { get; init; }

    /// <summary>The number of the <see cref="Privacy.PrivacyNoticeVersion"/> agreed to, readable at /{lang}/privacy/versions/{n}.</summary>
    public int? PrivacyNoticeVersion { get; init; }

    public IntakeStatus Status { get; private set; } = IntakeStatus.Received;

    /// <summary>When it was last closed (null while open): the private link works a set time after.</summary>
    public DateTime? ClosedAtUtc { get; private set; }

    /// <summary>Staff turned the private link off (the worker's phone was taken, say); a new one may be made.</summary>
    public DateTime? FollowUpRevokedAtUtc { get; private set; }

    public DateTime? ErasedAtUtc { get; private set; }

    public TriageOutcome Triage { get; private set; }

    /// <summary>The case this consultation became or joined.</summary>
    public int? CaseId { get; private set; }

    /// <summary>Why it was closed as spam or a duplicate, in staff's words: encrypted at rest, in <see cref="FieldsProtected"/>.</summary>
    public string? TriageReason { get; private set; }

    public void JoinCase(int caseId, bool opened)
    {
        (CaseId, Triage) = (caseId, opened ? TriageOutcome.CaseOpened : TriageOutcome.AttachedToCase);
        MarkInProgress();
    }

    public void Dismiss(TriageOutcome outcome, string? reason, DateTime nowUtc)
    {
        if (outcome is not (TriageOutcome.Spam or TriageOutcome.Duplicate))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), "Only spam or a duplicate is dismissed.");
        }

        (Triage, TriageReason) = (outcome, reason);
        Close(nowUtc);
    }

    public List<IntakeMessage> Messages { get; init; } = [];

    /// <summary>For a call logged by an operator: the hotline session it came in on.</summary>
    public int? HotlineSessionId { get; init; }

    /// <summary>For a call: the operator who logged it.</summary>
    public Guid? LoggedBy { get; init; }

    /// <summary>For a call: a counselor should call back (at <see cref="Phone"/>).</summary>
    public bool FollowUpNeeded { get; init; }

    public bool IsCall => Channel == Channels.Phone;

    public static class Channels
    {
        public const string WebForm = "web-form";
        public const string Api = "api";
        public const string Phone = "phone";
    }

    public void MarkInProgress()
    {
        if (Status == IntakeStatus.Received)
        {
            Status = IntakeStatus.InProgress;
        }
    }

    public void MarkAnswered() => Status = IntakeStatus.Answered;

    /// <summary>The worker wrote again: a counselor has something to read, even on a closed consultation.</summary>
    public void MarkWaitingOnStaff()
    {
        if (Status is IntakeStatus.Answered or IntakeStatus.Closed)
        {
            (Status, ClosedAtUtc) = (IntakeStatus.InProgress, null);
        }
    }

    public void Close(DateTime nowUtc)
    {
        if (Status != IntakeStatus.Closed)
        {
            (Status, ClosedAtUtc) = (IntakeStatus.Closed, nowUtc);
        }
    }

    /// <summary>The private link stops working at once (a new one can be made with <see cref="ReplaceFollowUpLink"/>).</summary>
    public void RevokeFollowUpLink(DateTime nowUtc)
    {
        FollowUpTokenHash = "revoked:" + Reference + ":" + nowUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        FollowUpRevokedAtUtc = nowUtc;
    }

    /// <summary>A new private link replaces the old one, which stops working.</summary>
    public void ReplaceFollowUpLink(string tokenHash) => (FollowUpTokenHash, FollowUpRevokedAtUtc) = (tokenHash, null);

    /// <summary>
    /// When the private link stops working: a set time after the consultation, or the case it
    /// joined, was closed; null while both are open.
    /// </summary>
    public DateTime? LinkEndsAtUtc(DateTime? caseClosedAtUtc, TimeSpan worksAfterClosing) =>
        // Closed before the closing time was kept: counted from when it arrived, the earliest it can have been.
        (ClosedAtUtc ?? (Status == IntakeStatus.Closed ? ReceivedAtUtc : null), caseClosedAtUtc) switch
        {
            ({ } own, { } ofCase) => (own < ofCase ? own : ofCase) + worksAfterClosing,
            ({ } own, null) => own + worksAfterClosing,
            (null, { } ofCase) => ofCase + worksAfterClosing,
            _ => null,
        };

    /// <summary>
    /// The worker asked to delete what they sent: every word of theirs and every way to reach them
    /// goes; what stays (categories, prefecture, dates) only counts, it names nobody.
    /// </summary>
    public void Erase(DateTime nowUtc)
    {
        (Name, Phone, Email, LineId, OtherContact, BestTime) = (null, null, null, null, null, null);
        (Employer, DispatchAgency, StoryProtected, ResidenceProtected, PreferredLanguage) = (null, null, null, null, null);
        (SafeToLeaveMessage, SafeToSayWhoIsCalling, TriageReason) = (null, null, null);
        FollowUpTokenHash = "erased:" + Reference;
        Messages.Clear();
        Close(nowUtc);
        ErasedAtUtc = nowUtc;
    }
}

/// <summary>A message on a consultation's follow-up page: from the worker, or a reply from a counselor.</summary>
public sealed class IntakeMessage
{
    public const int BodyMaxLength = 5_000;

    public long Id { get; private set; }

    public long IntakeId { get; private set; }

    public required bool FromWorker { get; init; }

    /// <summary>The counselor who replied; never shown to the worker, who reads "a counselor".</summary>
    public Guid? AuthorId { get; init; }

    public required DateTime SentAtUtc { get; init; }

    public required string BodyProtected { get; set; }
}

internal sealed class IntakeConfiguration : IEntityTypeConfiguration<Intake>
{
    public void Configure(EntityTypeBuilder<Intake> builder)
    {
        builder.Property(i => i.Reference).HasMaxLength(16);
        builder.HasIndex(i => i.Reference).IsUnique();
        builder.Property(i => i.FollowUpTokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.FollowUpTokenHash).IsUnique();
        builder.Property(i => i.SubmissionKeyHash).HasMaxLength(64);
        builder.HasIndex(i => i.SubmissionKeyHash).IsUnique();
        builder.HasIndex(i => new { i.IsUrgent, i.ReceivedAtUtc });
        builder.Property(i => i.Channel).HasMaxLength(16);
        builder.Property(i => i.InterfaceLanguage).HasMaxLength(16);
        builder.Property(i => i.PreferredLanguage).HasMaxLength(Intake.ShortTextMaxLength);
        builder.Property(i => i.Name).HasMaxLength(Intake.NameMaxLength);
        builder.Property(i => i.Phone).HasMaxLength(Intake.PhoneMaxLength);
        builder.Property(i => i.Email).HasMaxLength(Intake.EmailMaxLength);
        builder.Property(i => i.LineId).HasMaxLength(Intake.LineIdMaxLength);
        builder.Property(i => i.OtherContact).HasMaxLength(Intake.ShortTextMaxLength);
        builder.Property(i => i.BestTime).HasMaxLength(Intake.ShortTextMaxLength);
        builder.Property(i => i.PrefectureCode).HasMaxLength(2);
        builder.Property(i => i.Nationality).HasMaxLength(2);
        builder.Property<string?>(People.ResidenceBackfill.LegacyStatus).HasColumnName("ResidenceStatus").HasMaxLength(64);
        builder.Property(i => i.Employer).HasMaxLength(Intake.ShortTextMaxLength);
        builder.Property(i => i.DispatchAgency).HasMaxLength(Intake.ShortTextMaxLength);
        builder.Property(i => i.EmploymentType).HasMaxLength(32);
        builder.Property(i => i.Industry).HasMaxLength(32);
        builder.Ignore(i => i.Problems);
        builder.Ignore(i => i.UrgentNeeds);
        builder.PrimitiveCollection<List<string>?>(Intake.LegacyProblems).HasColumnName("Problems");
        builder.PrimitiveCollection<List<string>?>(Intake.LegacyUrgentNeeds).HasColumnName("UrgentNeeds");
        builder.HasMany(i => i.Messages).WithOne().HasForeignKey(m => m.IntakeId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(i => i.TriageReason);
        builder.Property<string?>(Intake.LegacyTriageReason).HasColumnName("TriageReason").HasMaxLength(500);
        builder.HasIndex(i => new { i.Triage, i.IsUrgent, i.ReceivedAtUtc });
        builder.HasIndex(i => i.HotlineSessionId);
        builder.HasOne<Hotline.HotlineSession>().WithMany().HasForeignKey(i => i.HotlineSessionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Cases.Case>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class IntakeMessageConfiguration : IEntityTypeConfiguration<IntakeMessage>
{
    public void Configure(EntityTypeBuilder<IntakeMessage> builder) => builder.HasIndex(m => new { m.IntakeId, m.SentAtUtc });
}

/// <summary>How a status reads to the worker (keys of the public text).</summary>
public static class IntakeStatusText
{
    public static string For(IntakeStatus status) => status switch
    {
        IntakeStatus.Received => Localizable.Public("Received. A counselor will read it soon."),
        IntakeStatus.InProgress => Localizable.Public("A counselor is working on your consultation."),
        IntakeStatus.Answered => Localizable.Public("A counselor replied. Please read the reply below."),
        IntakeStatus.Closed => Localizable.Public("This consultation is closed. You can still write to us below."),
        _ => Localizable.Public("Received. A counselor will read it soon."),
    };
}
