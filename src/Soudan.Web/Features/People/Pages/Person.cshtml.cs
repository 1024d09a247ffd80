using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.Search;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Security;
using Soudan.Web.Infrastructure.Text;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.People.Pages;

public sealed class PersonForm
{
    public string? Name { get; set; }

    public string? NameReading { get; set; }

    /// <summary>One number per line, in any format.</summary>
    public string? Phones { get; set; }

    public string? Email { get; set; }

    public string? MessagingIds { get; set; }

    public string? Nationality { get; set; }

    /// <summary>Language codes separated by commas.</summary>
    public string? Languages { get; set; }

    public string? ResidenceStatus { get; set; }

    public DateOnly? ResidenceCardExpiresOn { get; set; }

    public int? CardReminderDays { get; set; }

    public static PersonForm Of(Person p, Residence residence) => new()
    {
        Name = p.Name,
        NameReading = p.NameReading,
        Phones = string.Join('\n', p.PhoneNumbers.Select(People.Phones.Display)),
        Email = p.Email,
        MessagingIds = p.MessagingIds,
        Nationality = p.Nationality,
        Languages = string.Join(", ", p.Languages),
        ResidenceStatus = residence.Status,
        ResidenceCardExpiresOn = residence.CardExpiresOn,
        CardReminderDays = p.CardReminderDays,
    };
}

public sealed record PersonCase(int Id, string Reference, CaseStatus Status, DateTime OpenedAtUtc);

/// <summary>
/// A worker's record: how to reach them, their situation, their cases, and other records that may be
/// the same person, which a counselor can merge. Reading it is audited.
/// </summary>
[Authorize(Policy = StaffPolicies.Cases)]
public sealed class PersonModel(SoudanDbContext db, PeopleDesk people, CaseSearchIndex search, AuditLog audit, SensitiveText sensitive, TimeProvider clock, IStringLocalizer<StaffText> S) : PageModel
{
    public static readonly int[] ReminderChoices = [30, 60, 90];

    public Person? Record { get; private set; }

    public IReadOnlyList<PersonCase> Cases { get; private set; } = [];

    public IReadOnlyList<PossibleDuplicate> Duplicates { get; private set; } = [];

    public PersonForm? Typed { get; private set; }

    /// <summary>What the form shows: what was typed when it was refused, else the record.</summary>
    public PersonForm Form => Typed ?? PersonForm.Of(Record!, Residence.Read(sensitive, Record!.ResidenceProtected));

    public string? Conflict { get; private set; }

    public bool CanEdit => new CaseAccess(User).WorksOnAllCases;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        await audit.RecordAsync(AuditActions.PersonViewed, AuditLog.ActorOf(User), "person", id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int version, PersonForm input, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        var person = Record!;
        var name = UserText.Line(input.Name);
        var reading = UserText.Line(input.NameReading);
        if (name is null || name.Length > Person.NameMaxLength || reading is { Length: > Person.NameMaxLength })
        {
            ModelState.AddModelError("Input_Name", name is null ? S["Write a name or a nickname."] : S["This is too long."]);
        }

        var phones = new List<string>();
        var lines = (input.Phones ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length > Person.MaxPhoneNumbers)
        {
            ModelState.AddModelError("Input_Phones", S["Up to {0} phone numbers.", Person.MaxPhoneNumbers]);
        }

        foreach (var line in lines.Take(Person.MaxPhoneNumbers))
        {
            if (People.Phones.ToE164(line) is { } e164)
            {
                phones.Add(e164);
            }
            else
            {
                ModelState.AddModelError("Input_Phones", S["This is not a phone number: {0}", line]);
            }
        }

        var email = UserText.Line(input.Email)?.ToLowerInvariant();
        if (email is not null && (email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email, out _)))
        {
            ModelState.AddModelError("Input_Email", S["This is not an e-mail address."]);
        }

        var messaging = UserText.Line(input.MessagingIds);
        if (messaging is { Length: > 300 })
        {
            ModelState.AddModelError("Input_MessagingIds", S["This is too long."]);
        }

        if (input.Nationality is { Length: > 0 } && !WorldNames.IsCountry(input.Nationality))
        {
            ModelState.AddModelError("Input_Nationality", S["Choose from the list."]);
        }

        var languages = (input.Languages ?? "").Split([',', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (languages.Count > 10 || languages.Any(l => !WorldNames.IsLanguageCode(l)))
        {
            ModelState.AddModelError("Input_Languages", S["Write a language code such as tl, ne or pt-BR."]);
        }

        if (input.ResidenceStatus is { Length: > 0 } && !ConsultationTerms.ResidenceStatuses.IsKnown(input.ResidenceStatus))
        {
            ModelState.AddModelError("Input_ResidenceStatus", S["Choose from the list."]);
        }

        if (input.CardReminderDays is { } days && !ReminderChoices.Contains(days))
        {
            ModelState.AddModelError("Input_CardReminderDays", S["Choose from the list."]);
        }

        if (input.ResidenceCardExpiresOn is { Year: < 1990 or > 2200 })
        {
            ModelState.AddModelError("Input_ResidenceCardExpiresOn", S["Choose a day between 1990 and 2200."]);
        }

        if (input.CardReminderDays is not null && input.ResidenceCardExpiresOn is null)
        {
            ModelState.AddModelError("Input_ResidenceCardExpiresOn", S["A reminder needs the day the card expires."]);
        }

        if (!ModelState.IsValid)
        {
            Typed = input;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (person.Version != version)
        {
            return Conflicted(input);
        }

        var reminderChanged = input.CardReminderDays is not null
            && (input.CardReminderDays != person.CardReminderDays || input.ResidenceCardExpiresOn != Residence.Read(sensitive, person.ResidenceProtected).CardExpiresOn);
        person.Name = name!;
        person.NameReading = reading;
        person.PhoneNumbers = [.. phones.Distinct()];
        person.Email = email;
        person.MessagingIds = messaging;
        person.Nationality = input.Nationality is { Length: > 0 } ? input.Nationality : null;
        person.Languages = languages;
        person.ResidenceProtected = new Residence(input.ResidenceStatus is { Length: > 0 } ? input.ResidenceStatus : null, input.ResidenceCardExpiresOn).Protect(sensitive);
        person.CardReminderDays = input.CardReminderDays;
        person.RefreshNameKeys();
        person.Version++;
        if (reminderChanged && Cases.FirstOrDefault(c => c.Status is not (CaseStatus.Closed or CaseStatus.Resolved)) is { } openCase)
        {
            db.Add(new CaseTask
            {
                CaseId = openCase.Id,
                // The title names no one (the task is on the worker's case) and is encrypted as every title is.
                Title = S["Renew the residence card"],
                DueOn = input.ResidenceCardExpiresOn!.Value.AddDays(-input.CardReminderDays!.Value),
                AssigneeId = AuditLog.ActorOf(User),
                CreatedBy = AuditLog.ActorOf(User)!.Value,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            return Conflicted(input);
        }

        foreach (var c in Cases)
        {
            await search.RefreshAsync(c.Id, cancellationToken);
        }

        await audit.RecordAsync(AuditActions.PersonChanged, AuditLog.ActorOf(User), "person", id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return RedirectToPage(new { id });
    }

    /// <summary>Folds another record of the same worker into this one.</summary>
    public async Task<IActionResult> OnPostMergeAsync(int id, int duplicateId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        if (duplicateId == id || await db.Set<Person>().SingleOrDefaultAsync(p => p.Id == duplicateId, cancellationToken) is not { } duplicate)
        {
            return NotFound();
        }

        await people.MergeAsync(Record!, duplicate, cancellationToken);
        await audit.RecordAsync(AuditActions.PeopleMerged, AuditLog.ActorOf(User), "person", $"{id}<{duplicateId}", cancellationToken);
        return RedirectToPage(new { id });
    }

    private PageResult Conflicted(PersonForm typed)
    {
        Typed = typed;
        Conflict = S["Someone changed this record while you were editing it. It is shown as it is now, with what you typed; check it and save again."];
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Record = await db.Set<Person>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Record is null)
        {
            return NotFound();
        }

        // A worker's record is seen by those who may see one of their cases.
        var access = new CaseAccess(User);
        var all = await db.Set<Case>().AsNoTracking().Where(c => c.Workers.Any(w => w.PersonId == id)).OrderByDescending(c => c.OpenedAtUtc)
            .Select(c => new { c.Id, c.Reference, c.Status, c.OpenedAtUtc, c.InterpreterId }).ToListAsync(cancellationToken);
        var visible = access.WorksOnAllCases ? all : all.Where(c => access.IsInterpreter && c.InterpreterId == access.UserId).ToList();
        if (visible.Count == 0 && !access.WorksOnAllCases)
        {
            return Forbid();
        }

        Cases = visible.Select(c => new PersonCase(c.Id, c.Reference, c.Status, c.OpenedAtUtc)).ToList();
        Duplicates = access.WorksOnAllCases ? await people.DuplicatesOfAsync(Record, cancellationToken) : [];
        return null;
    }
}
