using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Employers;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.People;
using Soudan.Web.Features.Search;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Cases;

/// <summary>A person or employer already known that an intake may be about.</summary>
public sealed record Suggestion(int Id, string Name, string Why, IReadOnlyList<(int Id, string Reference)> OpenCases);

/// <summary>What triage offers for one consultation.</summary>
public sealed record TriageSuggestions(IReadOnlyList<Suggestion> People, IReadOnlyList<Suggestion> Employers);

/// <summary>Opens cases from consultations, and keeps their timelines.</summary>
public sealed class CaseDesk(SoudanDbContext db, SensitiveText sensitive, CaseSearchIndex search, TimeProvider clock)
{
    /// <summary>People with the same phone or e-mail, and the employers the consultation names, with their open cases.</summary>
    public async Task<TriageSuggestions> SuggestAsync(Intake intake, CancellationToken cancellationToken)
    {
        var phone = Phones.ToE164(intake.Phone);
        var email = intake.Email?.ToLowerInvariant();
        var nameKey = PersonNames.Key(intake.Name);
        var people = await db.Set<Person>().AsNoTracking()
            .Where(p => (phone != null && p.PhoneNumbers.Contains(phone)) || (email != null && p.Email == email)
                || (nameKey != null && (p.NameKey == nameKey || p.ReadingKey == nameKey)))
            .Take(10)
            .Select(p => new { p.Id, p.Name, SamePhone = phone != null && p.PhoneNumbers.Contains(phone), SameEmail = email != null && p.Email == email })
            .ToListAsync(cancellationToken);
        var keys = new[] { intake.Employer, intake.DispatchAgency }.OfType<string>().Select(EmployerNames.Key).Distinct().ToList();
        var employers = await db.Set<Employer>().AsNoTracking().Where(e => keys.Contains(e.NameKey)).ToListAsync(cancellationToken);

        var personIds = people.Select(p => p.Id).ToList();
        var personCases = await db.Set<Case>().AsNoTracking()
            .Where(c => c.Status != CaseStatus.Closed && c.Workers.Any(w => personIds.Contains(w.PersonId)))
            .AsSplitQuery()
            .Select(c => new { c.Id, c.Reference, PersonIds = c.Workers.Select(w => w.PersonId).ToList() })
            .ToListAsync(cancellationToken);
        var employerIds = employers.Select(e => e.Id).ToList();
        var employerCases = await db.Set<Case>().AsNoTracking()
            .Where(c => c.Status != CaseStatus.Closed && ((c.EmployerId != null && employerIds.Contains(c.EmployerId.Value)) || (c.AgencyId != null && employerIds.Contains(c.AgencyId.Value))))
            .Select(c => new { c.Id, c.Reference, c.EmployerId, c.AgencyId })
            .ToListAsync(cancellationToken);

        return new TriageSuggestions(
            people.Select(p => new Suggestion(p.Id, p.Name, p.SamePhone ? "phone" : p.SameEmail ? "email" : "name",
                personCases.Where(c => c.PersonIds.Contains(p.Id)).Select(c => (c.Id, c.Reference)).ToList())).ToList(),
            employers.Select(e => new Suggestion(e.Id, e.Name, "name",
                employerCases.Where(c => c.EmployerId == e.Id || c.AgencyId == e.Id).Select(c => (c.Id, c.Reference)).ToList())).ToList());
    }

    /// <summary>
    /// A new case from a consultation: the worker (an existing person when triage chose one), the
    /// employer and agency it names (found by their key or created), its problems and urgency.
    /// </summary>
    public async Task<Case> OpenFromIntakeAsync(Intake intake, int? existingPersonId, Guid actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var person = existingPersonId is { } id
            ? await db.Set<Person>().SingleAsync(p => p.Id == id, cancellationToken)
            : PersonFrom(intake, now);
        if (existingPersonId is null)
        {
            person.RefreshNameKeys();
            db.Add(person);
        }

        var employer = await FindOrCreateEmployerAsync(intake.Employer, now, cancellationToken);
        var agency = await FindOrCreateEmployerAsync(intake.DispatchAgency, now, cancellationToken);
        var @case = new Case
        {
            OpenedAtUtc = now,
            Urgency = intake.IsUrgent ? CaseUrgency.Urgent : CaseUrgency.Normal,
            Language = intake.PreferredLanguage ?? intake.InterfaceLanguage,
            InterpreterNeeded = (intake.PreferredLanguage ?? intake.InterfaceLanguage) is not ("ja" or "ja-easy"),
            Problems = [.. intake.Problems],
            DisputeCategories = [.. DisputeCategories.SuggestedFor(intake.Problems)],
            Workers = [new CaseWorker { Person = person }],
            Entries = [new CaseEntry { Kind = CaseEntryKind.IntakeAttached, AtUtc = now, ActorId = actor, IntakeId = intake.Id }],
        };
        @case.EmployerId = employer?.Id;
        @case.AgencyId = agency?.Id;
        db.Add(@case);
        await db.SaveChangesAsync(cancellationToken);

        @case.Reference = string.Create(CultureInfo.InvariantCulture, $"{JapanYear(now)}-{@case.Id:D4}");
        intake.JoinCase(@case.Id, opened: true);
        await db.SaveChangesAsync(cancellationToken);
        await search.RefreshAsync(@case.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return @case;
    }

    public async Task AttachIntakeAsync(Intake intake, Case @case, Guid actor, CancellationToken cancellationToken)
    {
        @case.Entries.Add(new CaseEntry { Kind = CaseEntryKind.IntakeAttached, AtUtc = clock.GetUtcNow().UtcDateTime, ActorId = actor, IntakeId = intake.Id });
        @case.Version++;
        intake.JoinCase(@case.Id, opened: false);
        await db.SaveChangesAsync(cancellationToken);
    }

    public CaseEntry Note(string text, bool sensitiveText, Guid actor) => new()
    {
        Kind = CaseEntryKind.Note,
        AtUtc = clock.GetUtcNow().UtcDateTime,
        ActorId = actor,
        TextProtected = sensitive.Protect(text),
        IsSensitive = sensitiveText,
    };

    public CaseEntry Contact(string text, bool sensitiveText, string channel, ContactDirection direction, int? minutes, Guid actor) => new()
    {
        Kind = CaseEntryKind.Contact,
        AtUtc = clock.GetUtcNow().UtcDateTime,
        ActorId = actor,
        TextProtected = sensitive.Protect(text),
        IsSensitive = sensitiveText,
        Channel = channel,
        Direction = direction,
        DurationMinutes = minutes,
    };

    /// <summary>A calculation kept on the case (encrypted) with its line on the timeline, saved together.</summary>
    public async Task<CaseCalculation> KeepCalculationAsync(Case @case, string kind, string inputJson, string resultJson, int? replacesId, Guid actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var calculation = new CaseCalculation
        {
            CaseId = @case.Id,
            Kind = kind,
            InputProtected = sensitive.Protect(inputJson),
            ResultProtected = sensitive.Protect(resultJson),
            CalculatedAtUtc = now,
            CalculatedBy = actor,
            ReplacesId = replacesId,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(calculation);
        await db.SaveChangesAsync(cancellationToken);
        @case.Entries.Add(new CaseEntry { Kind = CaseEntryKind.Calculation, AtUtc = now, ActorId = actor, CalculationId = calculation.Id });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return calculation;
    }

    public string? Read(string? protectedText) => protectedText is null ? null : sensitive.Unprotect(protectedText);

    public string Protect(string text) => sensitive.Protect(text);

    public Residence ReadResidence(string? protectedText) => Residence.Read(sensitive, protectedText);

    private static Person PersonFrom(Intake intake, DateTime now) => new()
    {
        Name = intake.Name ?? "?",
        PhoneNumbers = Phones.ToE164(intake.Phone) is { } phone ? [phone] : [],
        Email = intake.Email?.ToLowerInvariant(),
        MessagingIds = string.Join(" / ", new[] { intake.LineId is null ? null : "LINE: " + intake.LineId, intake.OtherContact }.OfType<string>()) is { Length: > 0 } ids ? ids : null,
        Nationality = intake.Nationality,
        Languages = intake.PreferredLanguage is { } language ? [language] : [],
        ResidenceProtected = intake.ResidenceProtected, // the same form, encrypted the same way
        CreatedAtUtc = now,
    };

    /// <summary>The one record of a company, found by its key however the name was typed, or created.</summary>
    public async Task<Employer?> FindOrCreateEmployerAsync(string? name, DateTime now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = EmployerNames.Key(name);
        var employer = await db.Set<Employer>().SingleOrDefaultAsync(e => e.NameKey == key, cancellationToken);
        if (employer is null)
        {
            employer = new Employer { Name = name.Trim(), NameKey = key, CreatedAtUtc = now };
            db.Add(employer);
            await db.SaveChangesAsync(cancellationToken);
        }

        return employer;
    }

    private static int JapanYear(DateTime utc) => Infrastructure.Time.JapanTime.FromUtc(utc).Year;
}
