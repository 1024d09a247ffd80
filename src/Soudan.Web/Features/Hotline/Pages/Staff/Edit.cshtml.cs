using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Text;
using Soudan.Web.Infrastructure.Time;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Hotline.Pages.Staff;

/// <summary>Schedule, change, cancel or reinstate a hotline session (times in Japan time).</summary>
[Authorize(Policy = StaffPolicies.Coordination)]
public sealed class EditModel(SoudanDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<StaffText> S) : PageModel
{
    [BindProperty]
    public SessionInput Input { get; set; } = new();

    public HotlineSession? Session { get; private set; }

    public bool IsNew => Session is null;

    /// <summary>The route's id: a number, or "new" for a session not saved yet.</summary>
    private static int? SessionId(string id) => int.TryParse(id, System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (SessionId(id) is not { } existing)
        {
            return Page();
        }

        Session = await db.Set<HotlineSession>().SingleOrDefaultAsync(s => s.Id == existing, cancellationToken);
        if (Session is null)
        {
            return NotFound();
        }

        Input = SessionInput.From(Session);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (SessionId(id) is { } existing)
        {
            Session = await db.Set<HotlineSession>().SingleOrDefaultAsync(s => s.Id == existing, cancellationToken);
            if (Session is null)
            {
                return NotFound();
            }
        }

        var phones = (Input.PhoneNumbers ?? "").Split('\n').Select(UserText.Line).OfType<string>().Distinct().ToList();
        var languages = Input.Languages
            .Concat((Input.OtherLanguages ?? "").Split([',', ' ', '、'], StringSplitOptions.RemoveEmptyEntries))
            .Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (Input.Date is null || Input.Start is null || Input.End is null)
        {
            ModelState.AddModelError("Input.Date", S["Enter the date, the start and the end."]);
        }

        if (phones.Count == 0)
        {
            ModelState.AddModelError("Input.PhoneNumbers", S["Enter at least one phone number."]);
        }
        else if (phones.Any(p => p.Length > HotlineSession.PhoneMaxLength || !p.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ' or '(' or ')')))
        {
            ModelState.AddModelError("Input.PhoneNumbers", S["Write each phone number on its own line, in digits, such as 0120-123-456."]);
        }

        if (languages.Count == 0)
        {
            ModelState.AddModelError("Input.Languages", S["Choose at least one language spoken on the phone."]);
        }
        else if (languages.FirstOrDefault(l => !WorldNames.IsLanguageCode(l)) is { } unknown)
        {
            ModelState.AddModelError("Input.OtherLanguages", S["{0} is not a language code. Use codes such as si or bn.", unknown]);
        }

        var texts = PublicLanguages.All.ToDictionary(l => l.Code, l => (Title: UserText.Line(Input.Titles.GetValueOrDefault(l.Code)), Description: UserText.Paragraphs(Input.Descriptions.GetValueOrDefault(l.Code))));
        if (texts.Values.All(t => t.Title is null))
        {
            ModelState.AddModelError("Input.Titles[ja]", S["Give the session a title, at least in Japanese or English."]);
        }
        else if (texts.Values.Any(t => t.Title?.Length > HotlineSession.TitleMaxLength || t.Description?.Length > HotlineSession.DescriptionMaxLength))
        {
            ModelState.AddModelError("Input.Titles[ja]", S["A title or description is too long."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var start = JapanTime.ToUtc(Input.Date!.Value.ToDateTime(Input.Start!.Value));
        var end = JapanTime.ToUtc(Input.Date.Value.ToDateTime(Input.End!.Value));
        if (end <= start)
        {
            end = end.AddDays(1);   // "20:00 to 02:00": into the next morning
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (Session is null)
        {
            Session = new HotlineSession();
            db.Add(Session);
        }

        Session.Schedule(start, end, phones, languages, Input.Topics.Where(ConsultationTerms.Problems.IsKnown), now);
        foreach (var (language, text) in texts)
        {
            Session.Describe(language, text.Title, text.Description);
        }

        await db.SaveChangesAsync(cancellationToken);
        await PublicPageCache.EvictAsync(HttpContext.RequestServices, cancellationToken);
        await audit.RecordAsync(AuditActions.HotlineSessionSaved, AuditLog.ActorOf(User), "hotline", Session.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return Redirect("/staff/hotline");
    }

    public async Task<IActionResult> OnPostCancelAsync(string id, bool reinstate, CancellationToken cancellationToken)
    {
        var number = SessionId(id);
        var session = await db.Set<HotlineSession>().SingleOrDefaultAsync(s => s.Id == number, cancellationToken);
        if (session is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (reinstate)
        {
            session.Reinstate(now);
        }
        else
        {
            session.Cancel(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await PublicPageCache.EvictAsync(HttpContext.RequestServices, cancellationToken);
        await audit.RecordAsync(reinstate ? AuditActions.HotlineSessionSaved : AuditActions.HotlineSessionCancelled, AuditLog.ActorOf(User), "hotline", id, cancellationToken);
        return Redirect("/staff/hotline");
    }
}

public sealed class SessionInput
{
    public DateOnly? Date { get; set; }

    public TimeOnly? Start { get; set; }

    public TimeOnly? End { get; set; }

    /// <summary>One number a line.</summary>
    public string? PhoneNumbers { get; set; }

    public List<string> Languages { get; set; } = [];

    /// <summary>Codes of languages not in the list, separated by commas.</summary>
    public string? OtherLanguages { get; set; }

    public List<string> Topics { get; set; } = [];

    public Dictionary<string, string?> Titles { get; set; } = [];

    public Dictionary<string, string?> Descriptions { get; set; } = [];

    public static SessionInput From(HotlineSession session)
    {
        var (start, end) = (JapanTime.FromUtc(session.StartsAtUtc), JapanTime.FromUtc(session.EndsAtUtc));
        return new SessionInput
        {
            Date = DateOnly.FromDateTime(start),
            Start = TimeOnly.FromDateTime(start),
            End = TimeOnly.FromDateTime(end),
            PhoneNumbers = string.Join('\n', session.PhoneNumbers),
            Languages = session.Languages.Where(WorldNames.CommonLanguages.Contains).ToList(),
            OtherLanguages = string.Join(", ", session.Languages.Where(l => !WorldNames.CommonLanguages.Contains(l))),
            Topics = [.. session.Topics],
            Titles = session.Texts.ToDictionary(t => t.Language, t => (string?)t.Title),
            Descriptions = session.Texts.ToDictionary(t => t.Language, t => t.Description),
        };
    }
}
