using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Search;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.People;

/// <summary>Another record that may be the same worker, and why it is suggested.</summary>
public sealed record PossibleDuplicate(int Id, string Name, string? NameReading, string Why);

/// <summary>Finds records that may be one worker written twice, and merges them keeping every link.</summary>
public sealed class PeopleDesk(SoudanDbContext db, CaseSearchIndex search, SensitiveText sensitive)
{
    public async Task<IReadOnlyList<PossibleDuplicate>> DuplicatesOfAsync(Person person, CancellationToken cancellationToken)
    {
        var phones = person.PhoneNumbers;
        var email = person.Email;
        var keys = new[] { person.NameKey, person.ReadingKey }.OfType<string>().ToList();
        var skeleton = person.NameSkeleton;
        var candidates = await db.Set<Person>().AsNoTracking()
            .Where(o => o.Id != person.Id)
            .Where(o => (email != null && o.Email == email)
                || o.PhoneNumbers.Any(p => phones.Contains(p))
                || (o.NameKey != null && keys.Contains(o.NameKey))
                || (o.ReadingKey != null && keys.Contains(o.ReadingKey))
                || (skeleton != null && o.NameSkeleton == skeleton))
            .OrderBy(o => o.Id)
            .Take(20)
            .ToListAsync(cancellationToken);
        return candidates.Select(o => new PossibleDuplicate(o.Id, o.Name, o.NameReading,
                o.PhoneNumbers.Intersect(phones).Any() ? "phone"
                : email is not null && o.Email == email ? "email"
                : keys.Contains(o.NameKey ?? "\0") || keys.Contains(o.ReadingKey ?? "\0") ? "name"
                : "similar-name"))
            .ToList();
    }

    /// <summary>
    /// Folds <paramref name="duplicate"/> into <paramref name="kept"/>: its cases, phone numbers,
    /// languages, and whatever the kept record lacks; then removes it. One transaction.
    /// </summary>
    public async Task MergeAsync(Person kept, Person duplicate, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var keptCases = await db.Set<CaseWorker>().Where(w => w.PersonId == kept.Id).Select(w => w.CaseId).ToListAsync(cancellationToken);
        var movedCases = await db.Set<CaseWorker>().Where(w => w.PersonId == duplicate.Id).Select(w => w.CaseId).ToListAsync(cancellationToken);
        await db.Set<CaseWorker>().Where(w => w.PersonId == duplicate.Id && !keptCases.Contains(w.CaseId))
            .ExecuteUpdateAsync(w => w.SetProperty(x => x.PersonId, kept.Id), cancellationToken);
        await db.Set<CaseWorker>().Where(w => w.PersonId == duplicate.Id).ExecuteDeleteAsync(cancellationToken);

        kept.PhoneNumbers = [.. kept.PhoneNumbers.Union(duplicate.PhoneNumbers).Take(Person.MaxPhoneNumbers)];
        kept.Languages = [.. kept.Languages.Union(duplicate.Languages)];
        kept.NameReading ??= duplicate.NameReading;
        kept.Email ??= duplicate.Email;
        kept.MessagingIds = string.Join(" / ", new[] { kept.MessagingIds, duplicate.MessagingIds }.OfType<string>().Distinct()) is { Length: > 0 } ids ? ids[..Math.Min(ids.Length, 300)] : null;
        kept.Nationality ??= duplicate.Nationality;
        var (keptResidence, otherResidence) = (Residence.Read(sensitive, kept.ResidenceProtected), Residence.Read(sensitive, duplicate.ResidenceProtected));
        kept.ResidenceProtected = new Residence(keptResidence.Status ?? otherResidence.Status, keptResidence.CardExpiresOn ?? otherResidence.CardExpiresOn).Protect(sensitive);
        kept.RefreshNameKeys();
        kept.Version++;
        db.Remove(duplicate);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var caseId in movedCases.Union(keptCases))
        {
            await search.RefreshAsync(caseId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
