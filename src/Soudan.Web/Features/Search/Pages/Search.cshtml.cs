using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Time;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Search.Pages;

public sealed record SearchHit(int Id, string Reference, CaseStatus Status, CaseUrgency Urgency, string Workers, string? Employer, string? Language, DateTime OpenedAtUtc);

/// <summary>
/// One box over every case one may see: names in any script, phone numbers in any format, e-mail,
/// employer, case reference, words of a note; with filters. Searching is audited (without the words).
/// </summary>
[Authorize(Policy = StaffPolicies.Cases)]
public sealed class SearchModel(SoudanDbContext db, CaseSearchIndex index, AuditLog audit, IStringLocalizer<StaffText> S) : PageModel
{
    public const int PageSize = 50;

    /// <summary>
    /// How many cases, newest first, a search by problem reads at most: problems are encrypted at
    /// rest, so they are matched once each case is read, not by the database.
    /// </summary>
    public const int ProblemScanLimit = 5_000;

    private const int ScanPage = 500;

    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    [FromQuery(Name = "status")]
    public CaseStatus? Status { get; set; }

    [FromQuery(Name = "problem")]
    public string? Problem { get; set; }

    [FromQuery(Name = "counselor")]
    public Guid? CounselorId { get; set; }

    [FromQuery(Name = "language")]
    public string? Language { get; set; }

    [FromQuery(Name = "from")]
    public DateOnly? From { get; set; }

    [FromQuery(Name = "to")]
    public DateOnly? To { get; set; }

    public bool Searched { get; private set; }

    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    /// <summary>More matched than are shown.</summary>
    public bool More { get; private set; }

    /// <summary>A search by problem stopped after reading <see cref="ProblemScanLimit"/> cases: older ones were not looked at.</summary>
    public bool ScanStopped { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Counselors { get; private set; } = [];

    public IReadOnlyList<string> Languages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // One connection for the page's few queries, not one taken from the pool (and reset) for each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        Counselors = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == StaffRoles.Counselor)))
            .OrderBy(u => u.DisplayName).Select(u => new ValueTuple<Guid, string>(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        // The languages of the hotline and the common ones, never a scan of every case.
        Languages = [.. Infrastructure.Localization.PublicLanguages.All.Select(l => l.Code).Concat(Infrastructure.Localization.WorldNames.CommonLanguages).Distinct().Order(StringComparer.Ordinal)];

        if (Problem is { Length: > 0 } && !ConsultationTerms.Problems.IsKnown(Problem))
        {
            ModelState.AddModelError("problem", S["Choose from the list."]);
        }

        if (Status is { } status && !Enum.IsDefined(status))
        {
            ModelState.AddModelError("status", S["Choose from the list."]);
        }

        if (From is { Year: < 1990 or > 2200 } || To is { Year: < 1990 or > 2200 })
        {
            ModelState.AddModelError("from", S["Choose a day between 1990 and 2200."]);
        }
        else if (From is { } from && To is { } to && from > to)
        {
            ModelState.AddModelError("from", S["The first day is after the last day."]);
        }

        var terms = SearchText.Terms(Query);
        var filtered = Status is not null || Problem is { Length: > 0 } || CounselorId is not null || Language is { Length: > 0 } || From is not null || To is not null;
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (terms.Count == 0 && !filtered)
        {
            return Page();
        }

        var cases = new CaseAccess(User).Visible(db.Set<Case>().AsNoTracking());
        if (terms.Count > 0)
        {
            // Without filters, the newest matches fill the page; with them, every match is looked at.
            // The newest matches are of every case: someone who sees only some cases looks through all of theirs.
            var everyCase = new CaseAccess(User).WorksOnAllCases;
            cases = await index.MatchingAsync(cases, terms, newest: filtered || !everyCase ? null : PageSize + 1, cancellationToken);
        }

        cases = Filter(cases);
        if (Problem is { Length: > 0 } problem)
        {
            var ids = await WithProblemAsync(cases, problem, cancellationToken);
            cases = cases.Where(c => ids.Contains(c.Id));
        }

        var rows = await cases
            .OrderByDescending(c => c.Id)
            .Take(PageSize + 1)
            // Workers in a second query: joined in one, the database reads every worker of every case.
            .AsSplitQuery()
            .Select(c => new
            {
                c.Id,
                c.Reference,
                c.Status,
                c.Urgency,
                Workers = c.Workers.Select(w => w.Person!.Name).ToList(),
                Employer = db.Set<Employers.Employer>().Where(e => e.Id == c.EmployerId).Select(e => e.Name).FirstOrDefault(),
                c.Language,
                c.OpenedAtUtc,
            })
            .ToListAsync(cancellationToken);
        More = rows.Count > PageSize;
        Hits = rows.Take(PageSize).Select(r => new SearchHit(r.Id, r.Reference, r.Status, r.Urgency, string.Join(", ", r.Workers), r.Employer, r.Language, r.OpenedAtUtc)).ToList();
        Searched = true;
        await audit.RecordAsync(AuditActions.CasesSearched, AuditLog.ActorOf(User), cancellationToken: cancellationToken);
        return Page();
    }

    /// <summary>
    /// The newest cases (up to a page and one more) of <paramref name="cases"/> about <paramref name="problem"/>,
    /// read a page at a time from the newest, at most <see cref="ProblemScanLimit"/>.
    /// </summary>
    private async Task<List<int>> WithProblemAsync(IQueryable<Case> cases, string problem, CancellationToken cancellationToken)
    {
        var found = new List<int>();
        var (read, before) = (0, int.MaxValue);
        while (found.Count <= PageSize && read < ProblemScanLimit)
        {
            var last = before;
            var page = await cases.Where(c => c.Id < last).OrderByDescending(c => c.Id).Take(ScanPage).ToListAsync(cancellationToken);
            found.AddRange(page.Where(c => c.Problems.Contains(problem)).Select(c => c.Id));
            read += page.Count;
            if (page.Count < ScanPage)
            {
                return found;
            }

            before = page[^1].Id;
        }

        ScanStopped = found.Count <= PageSize;
        return found;
    }

    private IQueryable<Case> Filter(IQueryable<Case> cases)
    {
        if (Status is { } status)
        {
            cases = cases.Where(c => c.Status == status);
        }

        if (CounselorId is { } counselor)
        {
            cases = cases.Where(c => c.CounselorId == counselor);
        }

        if (Language is { Length: > 0 } language)
        {
            cases = cases.Where(c => c.Language == language);
        }

        if (From is { } from)
        {
            var fromUtc = JapanTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            cases = cases.Where(c => c.OpenedAtUtc >= fromUtc);
        }

        if (To is { } to)
        {
            var toUtc = JapanTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            cases = cases.Where(c => c.OpenedAtUtc < toUtc);
        }

        return cases;
    }
}
