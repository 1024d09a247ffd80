using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Employers;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Search;

/// <summary>Keeps <see cref="CaseSearchEntry"/> in step with a case, and finds cases from the search box.</summary>
public sealed class CaseSearchIndex(SoudanDbContext db, SensitiveText sensitive)
{
    /// <summary>Rewrites the search entry of one case from what the case holds now.</summary>
    public async Task RefreshAsync(int caseId, CancellationToken cancellationToken)
    {
        var @case = await db.Set<Case>().AsNoTracking()
            .Include(c => c.Workers).ThenInclude(w => w.Person)
            .Include(c => c.Entries.Where(e => !e.IsSensitive && e.TextProtected != null))
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null)
        {
            return;
        }

        var companyIds = new[] { @case.EmployerId, @case.AgencyId, @case.ClientCompanyId }.OfType<int>().ToList();
        var companies = await db.Set<Employer>().AsNoTracking().Where(e => companyIds.Contains(e.Id)).Select(e => e.Name).ToListAsync(cancellationToken);
        var (names, text) = EntryFor(@case.Reference, @case.Workers.Select(w => w.Person!).ToList(), companies,
            @case.Entries.Select(e => sensitive.Unprotect(e.TextProtected!)).OfType<string>());

        var entry = await db.Set<CaseSearchEntry>().SingleOrDefaultAsync(e => e.CaseId == caseId, cancellationToken);
        if (entry is null)
        {
            db.Add(new CaseSearchEntry { CaseId = caseId, Names = names, Text = text });
        }
        else
        {
            (entry.Names, entry.Text) = (names, text);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>What the search box sees of a case: its names, and everything searchable.</summary>
    public static (string Names, string Text) EntryFor(string reference, IReadOnlyList<People.Person> people, IEnumerable<string> companies, IEnumerable<string> notes)
    {
        var names = SearchText.Normalize(string.Join(' ', people.SelectMany(p => new[] { p.Name, p.NameReading })));
        var text = SearchText.Normalize(string.Join(' ', new[] { reference }
            .Concat(people.SelectMany(p => new[] { p.Name, p.NameReading, p.Email, p.MessagingIds }))
            .Concat(companies)
            .Concat(notes)
            .OfType<string>()));

        // Numbers as digits too, as the search box reads "2026-0042" or "090-1234-5678".
        var numbers = string.Join(' ', people.SelectMany(p => p.PhoneNumbers).SelectMany(SearchText.PhoneForms).Prepend(string.Join(' ', SearchText.Terms(reference))));
        return (names, (text + " " + numbers).Trim());
    }

    /// <summary>How many of the newest entries PostgreSQL reads through before it asks the trigram index.</summary>
    public const int RecentWindow = 10_000;

    /// <summary>
    /// Cases whose entry holds every term. Terms of three characters or more use the trigram index
    /// (FTS5 on SQLite, pg_trgm on PostgreSQL); shorter ones, such as a two-kanji family name, then
    /// narrow what it found, or, alone, are looked for in the names only.
    /// With <paramref name="newest"/>, only that many of the newest matches are kept, read first as a
    /// short list of ids: a database asked for "the newest 50 matching cases" in one statement may
    /// walk every case in order instead of asking the index, or ask the index for every match of a
    /// common name and sort them all.
    /// </summary>
    public async Task<IQueryable<Case>> MatchingAsync(IQueryable<Case> cases, IReadOnlyList<string> terms, int? newest, CancellationToken cancellationToken)
    {
        // Characters, not UTF-16 units: 𠮷田 is two characters and has no trigram.
        var longTerms = terms.Where(t => t.EnumerateRunes().Count() >= 3).ToList();
        var shortTerms = terms.Except(longTerms).ToList();
        if (!db.Database.IsNpgsql())
        {
            return await MatchingInSqliteAsync(cases, longTerms, shortTerms, newest, cancellationToken);
        }

        // The newest entries first, read in order (strpos, no index): a common name is found there
        // at once. Only a rarer one goes to the trigram index, which then has few matches to check.
        IQueryable<CaseSearchEntry> Holding(IQueryable<CaseSearchEntry> entries, bool useIndex)
        {
            foreach (var term in longTerms)
            {
                if (useIndex)
                {
                    // Entries and terms are folded to lower case alike, so LIKE does (ILIKE folds every
                    // row again). A long number asks the index for its last six digits only: "000" or
                    // "090" are in nearly every entry, and their trigrams cost more than they narrow.
                    var indexed = IsLongNumber(term) ? term[^6..] : term;
                    var pattern = "%" + EscapeLike(indexed) + "%";
                    entries = entries.Where(e => EF.Functions.Like(e.Text, pattern, "\\"));
                    if (indexed == term)
                    {
                        continue;
                    }
                }

                entries = entries.Where(e => e.Text.Contains(term));
            }

            // Short terms have no trigram: alone, they look through the names only, which are short.
            foreach (var term in shortTerms)
            {
                entries = longTerms.Count > 0 ? entries.Where(e => e.Text.Contains(term)) : entries.Where(e => e.Names.Contains(term));
            }

            return entries;
        }

        if (newest is not { } count)
        {
            var matching = Holding(db.Set<CaseSearchEntry>(), useIndex: true).Select(e => e.CaseId);
            return cases.Where(c => matching.Contains(c.Id));
        }

        var recent = Holding(db.Set<CaseSearchEntry>().OrderByDescending(e => e.CaseId).Take(RecentWindow), useIndex: false);
        var ids = await recent.Select(e => e.CaseId).OrderByDescending(id => id).Take(count).ToListAsync(cancellationToken);
        if (ids.Count < count)
        {
            ids = await Holding(db.Set<CaseSearchEntry>(), useIndex: true).Select(e => e.CaseId).OrderByDescending(id => id).Take(count).ToListAsync(cancellationToken);
        }

        return cases.Where(c => EF.Constant(ids).Contains(c.Id));
    }

    private async Task<IQueryable<Case>> MatchingInSqliteAsync(IQueryable<Case> cases, List<string> longTerms, List<string> shortTerms, int? newest, CancellationToken cancellationToken)
    {
        var entries = db.Set<CaseSearchEntry>().AsQueryable();
        // A long number asks the index for its last six digits, then narrows like a short term (see PostgreSQL's).
        var numbers = longTerms.Where(IsLongNumber).ToList();
        shortTerms = [.. shortTerms, .. numbers];
        if (longTerms.Count > 0)
        {
            // FTS5: each term a quoted phrase, all required; newest first straight from the index.
            var match = string.Join(' ', longTerms.Select(t => IsLongNumber(t) ? t[^6..] : t).Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
            // Only as many as the page shows, unless short terms still have to narrow them: FTS5 reads
            // matches lazily, newest first, so asking for more costs as many more phrase checks.
            var limit = newest is not { } n ? int.MaxValue : shortTerms.Count == 0 ? n : n * 40;
            var found = db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"CaseSearchFts\" WHERE \"CaseSearchFts\" MATCH {match} ORDER BY rowid DESC LIMIT {limit}");
            if (newest is not null)
            {
                var ids = await found.ToListAsync(cancellationToken);
                if (shortTerms.Count == 0)
                {
                    return cases.Where(c => EF.Constant(ids).Contains(c.Id));
                }

                entries = entries.Where(e => EF.Constant(ids).Contains(e.CaseId));
            }
            else
            {
                entries = entries.Where(e => found.Contains(e.CaseId));
            }
        }

        // Short terms narrow what the index found; alone, they look through the names only, which
        // are short enough to read through.
        foreach (var term in shortTerms)
        {
            entries = longTerms.Count > 0 ? entries.Where(e => e.Text.Contains(term)) : entries.Where(e => e.Names.Contains(term));
        }

        var matching = entries.Select(e => e.CaseId);
        if (newest is { } count)
        {
            var newestIds = await matching.OrderByDescending(id => id).Take(count).ToListAsync(cancellationToken);
            return cases.Where(c => EF.Constant(newestIds).Contains(c.Id));
        }

        return cases.Where(c => matching.Contains(c.Id));
    }

    private static bool IsLongNumber(string term) => term.Length >= 7 && term.All(char.IsAsciiDigit);

    private static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

/// <summary>
/// On start, indexes the cases that have no search entry (those opened before search existed, or
/// whose entry was lost when the process stopped between saving a case and indexing it).
/// </summary>
public sealed partial class SearchBackfill(IServiceScopeFactory scopes, ILogger<SearchBackfill> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var indexed = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
                var missing = await db.Set<Case>().Where(c => !db.Set<CaseSearchEntry>().Any(e => e.CaseId == c.Id))
                    .OrderBy(c => c.Id).Select(c => c.Id).Take(500).ToListAsync(stoppingToken);
                if (missing.Count == 0)
                {
                    break;
                }

                var index = scope.ServiceProvider.GetRequiredService<CaseSearchIndex>();
                foreach (var id in missing)
                {
                    await index.RefreshAsync(id, stoppingToken);
                }

                indexed += missing.Count;
            }

            if (indexed > 0)
            {
                LogIndexed(logger, indexed);
            }

            // Records made before duplicate suggestions existed get their folded names (some fold to
            // nothing, so the pages go by id).
            var after = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
                var people = await db.Set<People.Person>().Where(p => p.NameKey == null && p.Id > after).OrderBy(p => p.Id).Take(500).ToListAsync(stoppingToken);
                people.ForEach(p => p.RefreshNameKeys());
                await db.SaveChangesAsync(stoppingToken);
                if (people.Count < 500)
                {
                    break;
                }

                after = people[^1].Id;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A database away at start must not stop the app; the next start catches up.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed {Count} cases for search")]
    private static partial void LogIndexed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not index the cases missing from search")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
