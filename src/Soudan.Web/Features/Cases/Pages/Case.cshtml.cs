using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Employers;
using Soudan.Web.Features.Privacy;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Japan;
using Soudan.Web.Infrastructure.Text;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Cases.Pages;

/// <summary>What closing or resolving a case asks: the money recovered by kind, benefits, reinstatement, visa.</summary>
public sealed class OutcomeForm
{
    /// <summary>By <see cref="CaseOutcome.MoneyKinds"/> code, as typed ("120,000").</summary>
    public Dictionary<string, string?> Money { get; set; } = [];

    public List<string> Benefits { get; set; } = [];

    public bool Reinstated { get; set; }

    public bool VisaResolved { get; set; }

    /// <summary>Ticked to say, on purpose, that the case won nothing that can be counted.</summary>
    public bool NothingObtained { get; set; }
}

/// <summary>What the case is about, as the counselor corrects it.</summary>
public sealed class DetailsForm
{
    public const int MaxTags = 10;
    public const int TagMaxLength = 40;

    public List<string> Problems { get; set; } = [];

    public List<string> DisputeCategories { get; set; } = [];

    public CaseUrgency Urgency { get; set; }

    public string? Language { get; set; }

    public bool InterpreterNeeded { get; set; }

    /// <summary>Comma-separated, such as "COVID-19, hotel".</summary>
    public string? Tags { get; set; }

    public string? Employer { get; set; }

    public string? Agency { get; set; }

    public string? ClientCompany { get; set; }

    public static DetailsForm Of(Case @case, IReadOnlyDictionary<int, string> companies) => new()
    {
        Problems = [.. @case.Problems],
        DisputeCategories = [.. @case.DisputeCategories],
        Urgency = @case.Urgency,
        Language = @case.Language,
        InterpreterNeeded = @case.InterpreterNeeded,
        Tags = string.Join(", ", @case.Tags),
        Employer = @case.EmployerId is { } e ? companies.GetValueOrDefault(e) : null,
        Agency = @case.AgencyId is { } a ? companies.GetValueOrDefault(a) : null,
        ClientCompany = @case.ClientCompanyId is { } c ? companies.GetValueOrDefault(c) : null,
    };

    public static List<string> SplitTags(string? tags) =>
        [.. (tags ?? "").Split([',', '、', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(UserText.Line).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];
}

/// <summary>
/// A calculation kept on the case, and its answer with the minimum wages known now when that differs.
/// <see cref="View"/> is null when this version of Soudan cannot read it (a calculator since renamed).
/// </summary>
public sealed record KeptCalculation(CaseCalculation Saved, Calculators.CalculationView? View, Calculators.CalculationView? WithRatesNow, bool Replaced);

/// <summary>A timeline line as the reader may see it.</summary>
public sealed record TimelineLine(CaseEntry Entry, string? Actor, string? Text, bool Hidden);

/// <summary>
/// A case, where a counselor spends the day: who, against whom, what, and the timeline of notes,
/// contacts and changes. Every view is audited; changes to the case itself check that nobody else
/// saved it in the meantime.
/// </summary>
[Authorize(Policy = StaffPolicies.Cases)]
[RequestSizeLimit(CaseDocument.MaxBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = CaseDocument.MaxBytes + (64 * 1024))]
public sealed class CaseModel(SoudanDbContext db, CaseDesk desk, CaseDocumentStore documents, Search.CaseSearchIndex search, CollectiveCases collective, Calculators.MinimumWageRates rates, AuditLog audit, TimeProvider clock, IStringLocalizer<StaffText> S) : PageModel
{
    public Case? Record { get; private set; }

    public CaseAccess Access => new(User);

    public IReadOnlyList<TimelineLine> Timeline { get; private set; } = [];

    public IReadOnlyDictionary<int, string> Companies { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyList<(Guid Id, string Name)> Counselors { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Interpreters { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> StaffNames { get; private set; } = new Dictionary<Guid, string>();

    public string? Conflict { get; private set; }

    public IReadOnlyList<CaseTask> Tasks { get; private set; } = [];

    public IReadOnlyList<CaseReferral> Referrals { get; private set; } = [];

    public IReadOnlyList<CaseDocument> Documents { get; private set; } = [];

    /// <summary>Newest first.</summary>
    public IReadOnlyList<KeptCalculation> Calculations { get; private set; } = [];

    public string? Read(string? protectedText) => desk.Read(protectedText);

    /// <summary>The employer or agency of this case where enough workers have open cases to act together.</summary>
    public IReadOnlyList<(int CompanyId, int Workers)> Collective { get; private set; } = [];

    public People.Residence ResidenceOf(People.Person person) => desk.ReadResidence(person.ResidenceProtected);

    /// <summary>The details as typed, kept when the form comes back with a mistake.</summary>
    public DetailsForm? DetailsTyped { get; private set; }

    /// <summary>The outcome as typed, kept when the form comes back with a mistake.</summary>
    public OutcomeForm? OutcomeTyped { get; private set; }

    /// <summary>Counselors who asked to work on the case since it was last assigned, oldest first.</summary>
    public IReadOnlyList<(Guid StaffId, string Name, DateTime AtUtc)> OpenRequests { get; private set; } = [];

    /// <summary>A sensitive entry or document is on the case: who it is assigned to decides who reads it.</summary>
    public bool HoldsSensitive => Record!.Entries.Any(e => e.IsSensitive) || Documents.Any(d => d.IsSensitive);

    public DateOnly Today => DateOnly.FromDateTime(Infrastructure.Time.JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        await audit.RecordAsync(AuditActions.CaseViewed, AuditLog.ActorOf(User), "case", id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostNoteAsync(int id, string? text, bool sensitive, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanAddEntries(Record!))
        {
            return Forbid();
        }

        var clean = UserText.Paragraphs(text);
        if (clean is null || clean.Length > CaseEntry.TextMaxLength)
        {
            ModelState.AddModelError("text", clean is null ? S["Write the note first."] : S["The note is too long."]);
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Record!.Entries.Add(desk.Note(clean, sensitive, AuditLog.ActorOf(User)!.Value));
        await db.SaveChangesAsync(cancellationToken);
        await search.RefreshAsync(id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostContactAsync(int id, string? text, bool sensitive, string? channel, ContactDirection direction, int? minutes, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanAddEntries(Record!))
        {
            return Forbid();
        }

        var clean = UserText.Paragraphs(text);
        if (clean is null || clean.Length > CaseEntry.TextMaxLength)
        {
            ModelState.AddModelError("summary", clean is null ? S["Write what was said first."] : S["The note is too long."]);
        }

        if (!CaseStaffText.Channels.IsKnown(channel))
        {
            ModelState.AddModelError("channel", S["Choose how you were in contact."]);
        }

        if (minutes is < 0 or > 1440)
        {
            ModelState.AddModelError("minutes", S["The duration is in minutes, from 0 to 1440."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Record!.Entries.Add(desk.Contact(clean!, sensitive, channel!, direction, minutes, AuditLog.ActorOf(User)!.Value));
        await db.SaveChangesAsync(cancellationToken);
        await search.RefreshAsync(id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostTaskAsync(int id, string? title, DateOnly? dueOn, Guid? assigneeId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanAddEntries(Record!))
        {
            return Forbid();
        }

        var clean = UserText.Line(title);
        if (clean is null || clean.Length > CaseTask.TitleMaxLength)
        {
            ModelState.AddModelError("taskTitle", clean is null ? S["Say what is to be done."] : S["This is too long."]);
        }

        if (dueOn is null)
        {
            ModelState.AddModelError("dueOn", S["Choose the day it is due."]);
        }

        if (assigneeId is { } assignee && !StaffNames.ContainsKey(assignee))
        {
            ModelState.AddModelError("assigneeId", S["Choose from the list."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.Add(new CaseTask
        {
            CaseId = id,
            Title = clean!,
            DueOn = dueOn!.Value,
            AssigneeId = assigneeId ?? AuditLog.ActorOf(User),
            CreatedBy = AuditLog.ActorOf(User)!.Value,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    /// <summary>A kept calculation calculated again with the minimum wages known now, kept beside the first.</summary>
    public async Task<IActionResult> OnPostRecalculateAsync(int id, int calculationId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanAddEntries(Record!) || Calculations.FirstOrDefault(c => c.Saved.Id == calculationId) is not { View: { } view, WithRatesNow: { } now } kept)
        {
            return NotFound();
        }

        var calculation = await desk.KeepCalculationAsync(Record!, kept.Saved.Kind, view.Input.GetRawText(), now.Result.GetRawText(), kept.Saved.Id, AuditLog.ActorOf(User)!.Value, cancellationToken);
        return Redirect($"/staff/cases/{id}#calculation-{calculation.Id.ToString(CultureInfo.InvariantCulture)}");
    }

    public async Task<IActionResult> OnPostTaskDoneAsync(int id, int taskId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanAddEntries(Record!) || Tasks.FirstOrDefault(t => t.Id == taskId) is not { } task)
        {
            return NotFound();
        }

        db.Attach(task).Entity.MarkDone(AuditLog.ActorOf(User)!.Value, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostStatusAsync(int id, int version, CaseStatus status, string? reason, OutcomeForm? outcome, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Enum.IsDefined(status))
        {
            ModelState.AddModelError("status", S["Choose from the list."]);
            return Page();
        }

        var why = UserText.Line(reason) is { } line ? line[..Math.Min(line.Length, 500)] : null;
        var actor = AuditLog.ActorOf(User)!.Value;
        if (status is not (CaseStatus.Resolved or CaseStatus.Closed))
        {
            return await ChangeAsync(id, version, c => c.ChangeStatus(status, why, actor, clock.GetUtcNow().UtcDateTime), cancellationToken);
        }

        var finished = ReadOutcome(outcome ?? new OutcomeForm());
        if (finished is null)
        {
            OutcomeTyped = outcome;
            return Page();
        }

        return await ChangeAsync(id, version, c => c.Finish(status, finished, why, actor, clock.GetUtcNow().UtcDateTime), cancellationToken);
    }

    /// <summary>Corrects what the case is about: problems, MHLW categories, urgency, language, tags, companies.</summary>
    public async Task<IActionResult> OnPostDetailsAsync(int id, int version, DetailsForm details, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanManage(Record!))
        {
            return Forbid();
        }

        if (details.Problems.Any(p => !Intakes.ConsultationTerms.Problems.IsKnown(p)) || details.DisputeCategories.Any(c => !DisputeCategories.All.IsKnown(c)) || !Enum.IsDefined(details.Urgency))
        {
            ModelState.AddModelError("details-problems", S["Choose from the list."]);
        }

        var language = UserText.Line(details.Language);
        if (language is not null && !Infrastructure.Localization.WorldNames.IsLanguageCode(language))
        {
            ModelState.AddModelError("details-language", S["Write a language code such as tl, ne or pt-BR."]);
        }

        var tags = DetailsForm.SplitTags(details.Tags);
        if (tags.Count > DetailsForm.MaxTags || tags.Any(t => t.Length > DetailsForm.TagMaxLength))
        {
            ModelState.AddModelError("details-tags", S["Up to 10 tags of up to 40 characters each."]);
        }

        var (employer, agency, client) = (UserText.Line(details.Employer), UserText.Line(details.Agency), UserText.Line(details.ClientCompany));
        if (new[] { employer, agency, client }.Any(n => n is { Length: > Employer.NameMaxLength }))
        {
            ModelState.AddModelError("details-employer", S["This is too long."]);
        }

        if (!ModelState.IsValid)
        {
            DetailsTyped = details;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var employerId = (await desk.FindOrCreateEmployerAsync(employer, now, cancellationToken))?.Id;
        var agencyId = (await desk.FindOrCreateEmployerAsync(agency, now, cancellationToken))?.Id;
        var clientId = (await desk.FindOrCreateEmployerAsync(client, now, cancellationToken))?.Id;
        var result = await ChangeAsync(id, version, c =>
        {
            c.Problems = [.. details.Problems.Distinct()];
            c.DisputeCategories = [.. details.DisputeCategories.Distinct()];
            c.Urgency = details.Urgency;
            c.Language = language;
            c.InterpreterNeeded = details.InterpreterNeeded;
            c.Tags = tags;
            (c.EmployerId, c.AgencyId, c.ClientCompanyId) = (employerId, agencyId, clientId);
        }, cancellationToken, transaction);
        if (result is RedirectToPageResult)
        {
            await search.RefreshAsync(id, cancellationToken);
        }

        return result;
    }

    /// <summary>Refers the case, only with the worker's agreement and only what they agreed to share.</summary>
    public async Task<IActionResult> OnPostReferralAsync(int id, int version, string? to, string? organisation, List<string>? shared, bool agreed, ReferralRecordInput record, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanManage(Record!))
        {
            return Forbid();
        }

        if (!CaseReferral.Targets.IsKnown(to))
        {
            ModelState.AddModelError("referralTo", S["Choose who the case goes to."]);
        }

        var name = UserText.Line(organisation);
        if (name is { Length: > CaseReferral.OrganisationMaxLength })
        {
            ModelState.AddModelError("referralOrganisation", S["This is too long."]);
        }

        shared = [.. (shared ?? []).Distinct()];
        if (shared.Any(code => !CaseReferral.Shareable.IsKnown(code)))
        {
            ModelState.AddModelError("referralShared", S["Choose from the list."]);
        }

        if (shared.Count > 0 && Record!.Workers.Any(w => w.Person?.UseRestrictedSinceUtc is not null))
        {
            ModelState.AddModelError("referralShared", S["A worker on this case asked us to stop using their data: share nothing until the stop is lifted on their record."]);
        }

        var ground = ThirdPartyRecord.Grounds.IsKnown(record.Basis) ? record.Basis : null;
        if (!agreed && ground is null)
        {
            ModelState.AddModelError("referralAgreed", S["Refer a case only when the worker has agreed: tick that they did."]);
        }

        // Passing personal data on leaves the record APPI Art. 29 asks for: to whom, and on what ground.
        record.Validate(ModelState, S, sharesData: shared.Count > 0, recipient: name, ground);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var actor = AuditLog.ActorOf(User)!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var referral = new CaseReferral { CaseId = id, To = to!, Organisation = name, Shared = shared, ReferredAtUtc = now, ReferredBy = actor };
        db.Add(referral);
        await db.SaveChangesAsync(cancellationToken);
        if (shared.Count > 0)
        {
            db.Add(record.Provided(Record!, referral, ground, actor));
            audit.Add(AuditActions.ThirdPartyRecorded, actor, "case", id.ToString(CultureInfo.InvariantCulture));
        }

        return await ChangeAsync(id, version, c =>
        {
            c.Entries.Add(new CaseEntry { Kind = CaseEntryKind.Referral, AtUtc = now, ActorId = actor, ReferralId = referral.Id });
            if (c.Status is CaseStatus.New or CaseStatus.Active or CaseStatus.WaitingOnWorker)
            {
                c.ChangeStatus(CaseStatus.Referred, null, actor, now);
            }
        }, cancellationToken, transaction);
    }

    public async Task<IActionResult> OnPostReferralOutcomeAsync(int id, int referralId, string? outcome, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanManage(Record!) || Referrals.FirstOrDefault(r => r.Id == referralId) is not { } referral)
        {
            return NotFound();
        }

        var text = UserText.Paragraphs(outcome);
        if (text is null || text.Length > CaseReferral.OutcomeMaxLength)
        {
            ModelState.AddModelError($"referralOutcome{referralId}", text is null ? S["Write what came of the referral."] : S["This is too long."]);
            return Page();
        }

        db.Attach(referral).Entity.RecordOutcome(desk.Protect(text), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.CaseChanged, AuditLog.ActorOf(User), "case", id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return RedirectToPage(new { id });
    }

    /// <summary>Adds a pay slip, contract or photo; the file is checked for what it really is and stored encrypted.</summary>
    public async Task<IActionResult> OnPostDocumentAsync(int id, IFormFile? file, string? kind, bool sensitive, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanAddEntries(Record!))
        {
            return Forbid();
        }

        var (document, refusal) = await documents.AddAsync(Record!, file, kind, sensitive, AuditLog.ActorOf(User)!.Value, cancellationToken);
        if (document is null)
        {
            ModelState.AddModelError("file", S[refusal!]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await audit.RecordAsync(AuditActions.DocumentUploaded, AuditLog.ActorOf(User), "document", document.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return RedirectToPage(new { id });
    }

    /// <summary>The outcome typed on the closing form, or null with the mistakes in the model state.</summary>
    private CaseOutcome? ReadOutcome(OutcomeForm form)
    {
        var money = new Dictionary<string, long>();
        foreach (var (code, _) in CaseOutcome.MoneyKinds.All)
        {
            if (YenAmount.TryParse(form.Money.GetValueOrDefault(code), CaseOutcome.MaxYen, out var yen))
            {
                money[code] = yen;
            }
            else
            {
                ModelState.AddModelError($"outcome-{code}", S["Write an amount in yen with digits only, such as 120000."]);
            }
        }

        if (form.Benefits.Any(code => !CaseOutcome.BenefitKinds.IsKnown(code)))
        {
            ModelState.AddModelError("outcome-benefits", S["Choose from the list."]);
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        var outcome = CaseOutcome.Of(money, form.Benefits, form.Reinstated, form.VisaResolved, clock.GetUtcNow().UtcDateTime);
        if (outcome.IsEmpty && !form.NothingObtained)
        {
            ModelState.AddModelError("outcome-nothing", S["Closing a case asks what it won: write the money recovered or what was obtained, or tick that nothing was."]);
            return null;
        }

        return outcome;
    }

    /// <summary>
    /// A coordinator or admin gives the case to a counselor and an interpreter, never to themselves.
    /// Taking a case from a counselor while it holds sensitive entries is audited as such.
    /// </summary>
    public async Task<IActionResult> OnPostAssignAsync(int id, int version, Guid? counselorId, Guid? interpreterId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanAssign(Record!))
        {
            return Forbid();
        }

        var actor = AuditLog.ActorOf(User)!.Value;
        if ((counselorId == actor && counselorId != Record!.CounselorId) || (interpreterId == actor && interpreterId != Record!.InterpreterId))
        {
            ModelState.AddModelError("counselorId", S["Nobody assigns a case to themselves: ask another coordinator or an admin."]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if ((counselorId is { } c && Counselors.All(x => x.Id != c)) || (interpreterId is { } i && Interpreters.All(x => x.Id != i)))
        {
            ModelState.AddModelError("counselorId", S["Choose from the list."]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var previous = Record!.CounselorId;
        var holdsSensitive = HoldsSensitive;
        var result = await ChangeAsync(id, version, c => c.Assign(counselorId, interpreterId, actor, clock.GetUtcNow().UtcDateTime, holdsSensitive), cancellationToken);
        if (result is RedirectToPageResult && holdsSensitive && previous is not null && previous != counselorId)
        {
            await audit.RecordAsync(AuditActions.CaseReassignedWithSensitive, actor, "case", id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        return result;
    }

    /// <summary>A counselor asks to work on the case; coordinators and admins see the request and decide.</summary>
    public async Task<IActionResult> OnPostAskAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanAskFor(Record!))
        {
            return Forbid();
        }

        var actor = AuditLog.ActorOf(User)!.Value;
        if (!OpenRequests.Any(r => r.StaffId == actor))
        {
            Record!.Entries.Add(new CaseEntry { Kind = CaseEntryKind.AssignmentRequested, AtUtc = clock.GetUtcNow().UtcDateTime, ActorId = actor });
            audit.Add(AuditActions.CaseAssignmentRequested, actor, "case", id.ToString(CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(cancellationToken);
        }

        return RedirectToPage(new { id });
    }

    /// <summary>
    /// A change to the case itself (loaded first), refused when someone saved the case since this page
    /// was shown. A transaction the caller began is committed with it, or rolled back with a conflict.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(int id, int version, Action<Case> change, CancellationToken cancellationToken, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction = null)
    {
        if (!Access.CanManage(Record!))
        {
            return Forbid();
        }

        if (Record!.Version != version)
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }

            return await ConflictAsync(id, cancellationToken);
        }

        change(Record);
        Record.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            db.ChangeTracker.Clear();
            return await ConflictAsync(id, cancellationToken);
        }

        await audit.RecordAsync(AuditActions.CaseChanged, AuditLog.ActorOf(User), "case", id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return RedirectToPage(new { id });
    }

    /// <summary>Someone else saved first: say who, show the case as it is now, lose nothing silently.</summary>
    private async Task<IActionResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        var last = Record!.Entries.Where(e => e.ActorId is not null).OrderByDescending(e => e.AtUtc).FirstOrDefault();
        var who = last?.ActorId is { } actor && StaffNames.TryGetValue(actor, out var name) ? name : S["a colleague"].Value;
        Conflict = S["{0} changed this case while you were working on it. Here it is as it is now: make your change again if it is still needed.", who];
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>
    /// The calculations kept on the case, each read back, and those that depend on minimum wages
    /// calculated again with the rates known now (microseconds each), to offer the new figure.
    /// </summary>
    private async Task<IReadOnlyList<KeptCalculation>> KeptCalculationsAsync(int id, CancellationToken cancellationToken)
    {
        var saved = await db.Set<CaseCalculation>().AsNoTracking().Where(c => c.CaseId == id).OrderByDescending(c => c.Id).ToListAsync(cancellationToken);
        if (saved.Count == 0)
        {
            return [];
        }

        var table = await rates.CurrentAsync(cancellationToken);
        var replaced = saved.Where(c => c.ReplacesId is not null).Select(c => c.ReplacesId!.Value).ToHashSet();
        var kept = new List<KeptCalculation>();
        foreach (var calculation in saved)
        {
            Calculators.CalculationView? view = null, now = null;
            if (Calculators.CalculatorKind.Find(calculation.Kind) is { } kind)
            {
                try
                {
                    var input = desk.Read(calculation.InputProtected)!;
                    view = Calculators.CalculationView.Of(kind, desk.Read(calculation.ResultProtected)!, input);
                    if (kind.UsesMinimumWages && !replaced.Contains(calculation.Id) && kind.NewForm().Recalculate(table, input) is { } again)
                    {
                        var againView = Calculators.CalculationView.Of(kind, System.Text.Json.JsonSerializer.Serialize(again, again.GetType(), Calculators.CalculatorEndpoints.Json), input);
                        now = againView.SameFigures(view) ? null : againView;
                    }
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
                {
                    // Kept by an older version in a shape this one no longer reads: listed as such, the case still opens.
                    (view, now) = (null, null);
                }
            }

            kept.Add(new KeptCalculation(calculation, view, now, replaced.Contains(calculation.Id)));
        }

        return kept;
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        // A dozen queries make a case page: one connection for all of them, not one taken from the
        // pool (and reset) for each; it goes back to the pool with the context at the end of the request.
        await db.Database.OpenConnectionAsync(cancellationToken);
        Record = await db.Set<Case>()
            .Include(c => c.Workers).ThenInclude(w => w.Person)
            .Include(c => c.Entries)
            .Include(c => c.Outcome)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (Record is null)
        {
            return NotFound();
        }

        var access = Access;
        if (!access.CanView(Record))
        {
            return Forbid();
        }

        var companyIds = new[] { Record.EmployerId, Record.AgencyId, Record.ClientCompanyId }.OfType<int>().ToList();
        Companies = await db.Set<Employer>().AsNoTracking().Where(e => companyIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
        // Counted over every case: only for those who see every case.
        var counted = access.WorksOnAllCases
            ? await collective.WorkersAsync(new[] { Record.EmployerId, Record.AgencyId }.OfType<int>().Distinct().ToList(), cancellationToken)
            : new Dictionary<int, int>();
        Collective = counted.Where(c => CollectiveCases.IsPossiblyCollective(c.Value)).Select(c => (c.Key, c.Value)).ToList();
        var staff = await db.Users.AsNoTracking()
            .Where(u => u.DeactivatedAtUtc == null)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
            })
            .ToListAsync(cancellationToken);
        StaffNames = staff.ToDictionary(s => s.Id, s => s.DisplayName);
        Counselors = staff.Where(s => s.Roles.Contains(StaffRoles.Counselor)).Select(s => (s.Id, s.DisplayName)).OrderBy(s => s.DisplayName, StringComparer.CurrentCulture).ToList();
        Interpreters = staff.Where(s => s.Roles.Contains(StaffRoles.Interpreter)).Select(s => (s.Id, s.DisplayName)).OrderBy(s => s.DisplayName, StringComparer.CurrentCulture).ToList();
        Documents = await db.Set<CaseDocument>().AsNoTracking().Where(d => d.CaseId == id).OrderByDescending(d => d.UploadedAtUtc).ToListAsync(cancellationToken);
        Referrals = await db.Set<CaseReferral>().AsNoTracking().Where(r => r.CaseId == id).OrderBy(r => r.ReferredAtUtc).ToListAsync(cancellationToken);
        Tasks = await db.Set<CaseTask>().AsNoTracking().Where(t => t.CaseId == id).OrderBy(t => t.DoneAtUtc != null).ThenBy(t => t.DueOn).ToListAsync(cancellationToken);
        Calculations = await KeptCalculationsAsync(id, cancellationToken);
        var lastAssigned = Record.Entries.Where(e => e.Kind == CaseEntryKind.Assignment).Select(e => (DateTime?)e.AtUtc).Max() ?? DateTime.MinValue;
        OpenRequests = Record.Entries
            .Where(e => e.Kind == CaseEntryKind.AssignmentRequested && e.AtUtc >= lastAssigned && e.ActorId is not null && e.ActorId != Record.CounselorId)
            .GroupBy(e => e.ActorId!.Value)
            .Select(g => (g.Key, StaffNames.GetValueOrDefault(g.Key) ?? "–", g.Min(e => e.AtUtc)))
            .OrderBy(r => r.Item3)
            .ToList();
        var seesSensitive = access.CanSeeSensitive(Record);
        Timeline = Record.Entries
            .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Select(e => new TimelineLine(
                e,
                e.ActorId is { } actor ? StaffNames.GetValueOrDefault(actor) : null,
                e.IsSensitive && !seesSensitive ? null : desk.Read(e.TextProtected),
                e.IsSensitive && !seesSensitive))
            .ToList();
        return null;
    }
}
