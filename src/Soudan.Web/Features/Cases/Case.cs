using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Features.Employers;
using Soudan.Web.Features.People;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Cases;

public enum CaseStatus
{
    New = 0,
    Active = 1,
    WaitingOnWorker = 2,
    Referred = 3,
    Resolved = 4,
    Closed = 5,
}

public enum CaseUrgency
{
    Normal = 0,
    High = 1,
    Urgent = 2,
}

/// <summary>
/// A worker's case, followed for weeks or months by a counselor: who (one or more workers, a
/// collective case), against whom (employer, dispatch agency, client company), what (problems and
/// the MHLW dispute categories), and everything that happened, in <see cref="Entries"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "A case is what counselors call it; no Visual Basic caller exists.")]
public sealed class Case : IProtectsFields
{
    public int Id { get; private set; }

    /// <summary>"2026-0042": the year it was opened and its number.</summary>
    public string Reference { get; set; } = "";

    public CaseStatus Status { get; private set; } = CaseStatus.New;

    public CaseUrgency Urgency { get; set; }

    /// <summary>The language to speak with the worker(s): any language code.</summary>
    public string? Language { get; set; }

    public bool InterpreterNeeded { get; set; }

    /// <summary>The problem codes: encrypted at rest, in <see cref="FieldsProtected"/>, as are the two lists below.</summary>
    public List<string> Problems { get; set; } = [];

    /// <summary>The twelve MHLW dispute categories (DOMAIN.md §6.3), so figures compare with the Ministry's.</summary>
    public List<string> DisputeCategories { get; set; } = [];

    /// <summary>Campaign tags such as "COVID-19", typed freely (they can name a person).</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>What tells of the worker's situation (problems, dispute categories, tags), encrypted (<see cref="ProtectedFields"/>).</summary>
    public string? FieldsProtected { get; set; }

    /// <summary>A random value the statistics key this case's row by (with a key outside the database), so the row cannot be joined back to the case without the key.</summary>
    public Guid? StatisticsSeed { get; init; } = Guid.NewGuid();

    public const string LegacyProblems = "LegacyProblems";

    public const string LegacyDisputeCategories = "LegacyDisputeCategories";

    public const string LegacyTags = "LegacyTags";

    IReadOnlyList<string> IProtectsFields.LegacyColumns => [LegacyProblems, LegacyDisputeCategories, LegacyTags];

    string? IProtectsFields.PlainFields() =>
        Problems.Count + DisputeCategories.Count + Tags.Count == 0 && LegalHoldReason is null
            ? null
            : ProtectedFields.Write(new()
            {
                ["problems"] = Problems,
                ["dispute-categories"] = DisputeCategories,
                ["tags"] = Tags,
                ["legal-hold"] = LegalHoldReason is { } why ? [why] : [],
            });

    void IProtectsFields.ReadPlainFields(string plain)
    {
        var fields = ProtectedFields.Read(plain);
        (Problems, DisputeCategories, Tags) = (fields.GetValueOrDefault("problems") ?? [], fields.GetValueOrDefault("dispute-categories") ?? [], fields.GetValueOrDefault("tags") ?? []);
        LegalHoldReason = fields.GetValueOrDefault("legal-hold")?.FirstOrDefault();
    }

    void IProtectsFields.ReadLegacyColumns(Func<string, object?> value) =>
        (Problems, DisputeCategories, Tags) = ([.. value(LegacyProblems) as List<string> ?? []], [.. value(LegacyDisputeCategories) as List<string> ?? []], [.. value(LegacyTags) as List<string> ?? []]);

    public Guid? CounselorId { get; private set; }

    public Guid? InterpreterId { get; private set; }

    public int? EmployerId { get; set; }

    public int? AgencyId { get; set; }

    public int? ClientCompanyId { get; set; }

    public required DateTime OpenedAtUtc { get; init; }

    public DateTime? ClosedAtUtc { get; private set; }

    /// <summary>Raised on every save: the second of two counselors saving the same case is told to reload.</summary>
    public int Version { get; set; }

    public List<CaseWorker> Workers { get; init; } = [];

    public List<CaseEntry> Entries { get; init; } = [];

    /// <summary>What the case won, recorded when it is resolved or closed.</summary>
    public CaseOutcome? Outcome { get; private set; }

    public bool IsClosed => Status is CaseStatus.Closed;

    /// <summary>A worker on the case asked, through their private link, that everything be deleted.</summary>
    public DateTime? ErasureRequestedAtUtc { get; private set; }

    /// <summary>When the case's personal data goes unless a counselor puts it under legal hold first.</summary>
    public DateTime? ErasureDueAtUtc { get; private set; }

    /// <summary>Kept although the worker asked to delete it, for a legal reason (an open claim, a court case).</summary>
    public DateTime? LegalHoldSinceUtc { get; private set; }

    /// <summary>Why, in the counselor's words: encrypted at rest, in <see cref="FieldsProtected"/>.</summary>
    public string? LegalHoldReason { get; private set; }

    /// <summary>The workers' names, contacts, notes, documents and calculations were erased; the case keeps only what counts.</summary>
    public DateTime? PersonalDataErasedAtUtc { get; private set; }

    public bool IsErased => PersonalDataErasedAtUtc is not null;

    /// <summary>An erasure asked for and neither done nor held: a counselor must decide by <see cref="ErasureDueAtUtc"/>.</summary>
    public bool AwaitsErasureDecision => ErasureRequestedAtUtc is not null && !IsErased && LegalHoldSinceUtc is null;

    /// <summary>A worker asked to be deleted: the case's counselor decides by <paramref name="dueUtc"/>, or it is erased then.</summary>
    public void RequestErasure(DateTime nowUtc, DateTime dueUtc)
    {
        if (IsErased)
        {
            return;
        }

        ErasureRequestedAtUtc ??= nowUtc;
        ErasureDueAtUtc = ErasureDueAtUtc is { } due && due < dueUtc ? due : dueUtc;
        Entries.Add(new CaseEntry { Kind = CaseEntryKind.ErasureRequested, AtUtc = nowUtc });
        Version++;
    }

    public void PlaceLegalHold(string reason, Guid actor, DateTime nowUtc)
    {
        (LegalHoldSinceUtc, LegalHoldReason) = (nowUtc, reason);
        Entries.Add(new CaseEntry { Kind = CaseEntryKind.LegalHoldPlaced, AtUtc = nowUtc, ActorId = actor, Reason = reason });
        Version++;
    }

    /// <summary>The legal reason ended: a pending erasure is then due at once.</summary>
    public void LiftLegalHold(Guid actor, DateTime nowUtc)
    {
        (LegalHoldSinceUtc, LegalHoldReason) = (null, null);
        if (ErasureRequestedAtUtc is not null)
        {
            ErasureDueAtUtc = nowUtc;
        }

        Entries.Add(new CaseEntry { Kind = CaseEntryKind.LegalHoldLifted, AtUtc = nowUtc, ActorId = actor });
        Version++;
    }

    /// <summary>One worker of a collective case asked to be deleted and was taken off it; the case goes on.</summary>
    internal void WorkerErased(Guid? actor, DateTime nowUtc)
    {
        (ErasureRequestedAtUtc, ErasureDueAtUtc) = (null, null);
        Entries.Add(new CaseEntry { Kind = CaseEntryKind.WorkerErased, AtUtc = nowUtc, ActorId = actor });
        Version++;
    }

    /// <summary>Called by <see cref="Privacy.CaseErasure"/> once everything personal is gone.</summary>
    internal void MarkErased(Guid? actor, DateTime nowUtc)
    {
        (PersonalDataErasedAtUtc, LegalHoldSinceUtc, LegalHoldReason, Tags) = (nowUtc, null, null, []);
        Entries.Add(new CaseEntry { Kind = CaseEntryKind.PersonalDataErased, AtUtc = nowUtc, ActorId = actor });
        Version++;
    }

    public void ChangeStatus(CaseStatus to, string? reason, Guid actor, DateTime nowUtc)
    {
        if (to == Status)
        {
            return;
        }

        Entries.Add(CaseEntry.StatusChange(Status, to, reason, actor, nowUtc));
        Status = to;
        ClosedAtUtc = to is CaseStatus.Closed or CaseStatus.Resolved ? nowUtc : null;
    }

    /// <summary>Resolves or closes the case with what it won for the worker.</summary>
    public void Finish(CaseStatus to, CaseOutcome outcome, string? reason, Guid actor, DateTime nowUtc)
    {
        if (to is not (CaseStatus.Resolved or CaseStatus.Closed))
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "Only resolving or closing records an outcome.");
        }

        if (Outcome is null)
        {
            Outcome = outcome;
        }
        else
        {
            Outcome.ReplaceWith(outcome);
        }

        Entries.Add(new CaseEntry { Kind = CaseEntryKind.Outcome, AtUtc = nowUtc, ActorId = actor });
        ChangeStatus(to, reason, actor, nowUtc);
    }

    /// <summary>
    /// Gives the case to a counselor and an interpreter. Nobody assigns a case to themselves (the page
    /// checks the actor's role): the sensitive entries follow the counselor, so taking a case would be
    /// a way to read them. The line on the timeline keeps who had it before, and whether it then held
    /// anything sensitive, so that the previous counselor is told.
    /// </summary>
    public void Assign(Guid? counselorId, Guid? interpreterId, Guid actor, DateTime nowUtc, bool holdsSensitive = false)
    {
        if (counselorId == CounselorId && interpreterId == InterpreterId)
        {
            return;
        }

        if ((counselorId == actor && counselorId != CounselorId) || (interpreterId == actor && interpreterId != InterpreterId))
        {
            throw new InvalidOperationException("Nobody assigns a case to themselves.");
        }

        Entries.Add(new CaseEntry
        {
            Kind = CaseEntryKind.Assignment,
            AtUtc = nowUtc,
            ActorId = actor,
            PreviousCounselorId = CounselorId,
            AssignedCounselorId = counselorId,
            PreviousInterpreterId = InterpreterId,
            AssignedInterpreterId = interpreterId,
            HeldSensitive = holdsSensitive && CounselorId is not null && CounselorId != counselorId,
        });
        (CounselorId, InterpreterId) = (counselorId, interpreterId);
        if (Status == CaseStatus.New && counselorId is not null)
        {
            ChangeStatus(CaseStatus.Active, null, actor, nowUtc);
        }
    }
}

/// <summary>A worker on a case (a collective case has several).</summary>
public sealed class CaseWorker
{
    public int CaseId { get; init; }

    public int PersonId { get; init; }

    public Person? Person { get; init; }
}

public enum CaseEntryKind
{
    Note = 0,
    Contact = 1,
    StatusChange = 2,
    Assignment = 3,
    IntakeAttached = 4,
    Referral = 5,
    Outcome = 6,
    Document = 7,
    Calculation = 8,

    /// <summary>A counselor asked to work on the case (a coordinator or admin decides).</summary>
    AssignmentRequested = 9,

    /// <summary>A worker asked, through their private link, that everything be deleted.</summary>
    ErasureRequested = 10,

    LegalHoldPlaced = 11,

    LegalHoldLifted = 12,

    /// <summary>The workers' personal data was erased from the case.</summary>
    PersonalDataErased = 13,

    /// <summary>One worker of a collective case, who asked to be deleted, was erased from it.</summary>
    WorkerErased = 14,
}

public enum ContactDirection
{
    FromWorker = 0,
    ToWorker = 1,
}

/// <summary>One line of a case's timeline: a note, a contact, a status change, an assignment, an intake attached.</summary>
public sealed class CaseEntry : IProtectsFields
{
    public const int TextMaxLength = 10_000;

    public long Id { get; private set; }

    public int CaseId { get; private set; }

    public required CaseEntryKind Kind { get; init; }

    public required DateTime AtUtc { get; init; }

    public Guid? ActorId { get; init; }

    /// <summary>The note or contact summary, encrypted (it is the worker's story in other words).</summary>
    public string? TextProtected { get; internal set; }

    /// <summary>Marked sensitive (health, sexual orientation, immigration): shown only to roles that may see it.</summary>
    public bool IsSensitive { get; init; }

    /// <summary>For a contact: call, message, meeting, letter, e-mail, LINE...</summary>
    public string? Channel { get; init; }

    public ContactDirection? Direction { get; init; }

    public int? DurationMinutes { get; init; }

    public CaseStatus? StatusFrom { get; init; }

    public CaseStatus? StatusTo { get; init; }

    /// <summary>For an attached intake: its id.</summary>
    public long? IntakeId { get; init; }

    /// <summary>For a referral: its id.</summary>
    public int? ReferralId { get; init; }

    /// <summary>For a document: its id.</summary>
    public int? DocumentId { get; init; }

    /// <summary>For a calculation kept on the case: its id.</summary>
    public int? CalculationId { get; init; }

    /// <summary>For an assignment: the counselor before and after (null: nobody).</summary>
    public Guid? PreviousCounselorId { get; init; }

    public Guid? AssignedCounselorId { get; init; }

    /// <summary>For an assignment: the interpreter before and after (null: nobody).</summary>
    public Guid? PreviousInterpreterId { get; init; }

    public Guid? AssignedInterpreterId { get; init; }

    /// <summary>
    /// For an assignment that took the case from a counselor: the case then held sensitive entries or
    /// documents, which the new counselor can now read. Shown to the previous counselor.
    /// </summary>
    public bool HeldSensitive { get; init; }

    public static CaseEntry StatusChange(CaseStatus from, CaseStatus to, string? reason, Guid actor, DateTime nowUtc) =>
        new() { Kind = CaseEntryKind.StatusChange, StatusFrom = from, StatusTo = to, AtUtc = nowUtc, ActorId = actor, Reason = reason };

    /// <summary>Why a status changed, in staff's words ("paid after the union's letter"): encrypted at rest, in <see cref="FieldsProtected"/>.</summary>
    public string? Reason { get; set; }

    /// <summary>The <see cref="Reason"/>, encrypted; null for the many lines that have none.</summary>
    public string? FieldsProtected { get; set; }

    public const string LegacyReason = "LegacyReason";

    IReadOnlyList<string> IProtectsFields.LegacyColumns => [LegacyReason];

    string? IProtectsFields.PlainFields() => Reason is { } why ? ProtectedFields.Write(new() { ["reason"] = [why] }) : null;

    void IProtectsFields.ReadPlainFields(string plain) => Reason = ProtectedFields.Read(plain).GetValueOrDefault("reason")?.FirstOrDefault();

    void IProtectsFields.ReadLegacyColumns(Func<string, object?> value) => Reason = value(LegacyReason) as string;
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.Property(c => c.Reference).HasMaxLength(16);
        builder.HasIndex(c => c.Reference);
        builder.Property(c => c.Language).HasMaxLength(50);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.Problems);
        builder.Ignore(c => c.DisputeCategories);
        builder.Ignore(c => c.Tags);
        builder.Ignore(c => c.LegalHoldReason);
        builder.PrimitiveCollection<List<string>?>(Case.LegacyProblems).HasColumnName("Problems");
        builder.PrimitiveCollection<List<string>?>(Case.LegacyDisputeCategories).HasColumnName("DisputeCategories");
        builder.PrimitiveCollection<List<string>?>(Case.LegacyTags).HasColumnName("Tags");
        builder.HasIndex(c => new { c.Status, c.Urgency });
        builder.HasIndex(c => c.CounselorId);
        builder.HasIndex(c => c.InterpreterId);
        builder.HasIndex(c => c.EmployerId);
        builder.HasIndex(c => c.AgencyId);
        builder.HasOne<Employer>().WithMany().HasForeignKey(c => c.EmployerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Employer>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Employer>().WithMany().HasForeignKey(c => c.ClientCompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Workers).WithOne().HasForeignKey(w => w.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Entries).WithOne().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Outcome).WithOne().HasForeignKey<CaseOutcome>(o => o.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseWorkerConfiguration : IEntityTypeConfiguration<CaseWorker>
{
    public void Configure(EntityTypeBuilder<CaseWorker> builder)
    {
        builder.HasKey(w => new { w.CaseId, w.PersonId });
        builder.HasOne(w => w.Person).WithMany().HasForeignKey(w => w.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(w => w.PersonId);
    }
}

internal sealed class CaseEntryConfiguration : IEntityTypeConfiguration<CaseEntry>
{
    public void Configure(EntityTypeBuilder<CaseEntry> builder)
    {
        builder.Property(e => e.Channel).HasMaxLength(32);
        builder.Ignore(e => e.Reason);
        builder.Property<string?>(CaseEntry.LegacyReason).HasColumnName("Reason").HasMaxLength(500);
        builder.HasIndex(e => new { e.CaseId, e.AtUtc });
        // "Cases taken from you" on the staff home page.
        builder.HasIndex(e => e.PreviousCounselorId);
    }
}
