using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Hotline;
using Soudan.Web.Features.People;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Japan;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Text;
using Soudan.Web.Infrastructure.Time;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Intakes.Pages.Staff;

/// <summary>
/// The call log of a hotline day: an operator records a call in about a minute with the keyboard
/// alone, and is back on an empty form for the next one; the session's calls are counted by
/// language and problem as they come in. Operators see counts, never other callers' details.
/// </summary>
[Authorize(Policy = StaffPolicies.CallLog)]
public sealed class CallsModel(SoudanDbContext db, IntakeDesk desk, AuditLog audit, TimeProvider clock, IStringLocalizer<StaffText> S) : PageModel
{
    [BindProperty]
    public CallInput Input { get; set; } = new();

    [FromQuery(Name = "session")]
    public int? SessionId { get; set; }

    /// <summary>The reference of the call just saved.</summary>
    [FromQuery(Name = "saved")]
    public string? Saved { get; set; }

    public IReadOnlyList<HotlineSession> Sessions { get; private set; } = [];

    public HotlineSession? Session => Sessions.FirstOrDefault(s => s.Id == (Input.SessionId ?? SessionId));

    public IReadOnlyList<(string Language, int Calls)> ByLanguage { get; private set; } = [];

    public IReadOnlyList<(string Problem, int Calls)> ByProblem { get; private set; } = [];

    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input.SessionId = SessionId ?? Sessions.FirstOrDefault(s => s.IsOnAt(clock.GetUtcNow().UtcDateTime))?.Id ?? (Sessions.Count > 0 ? Sessions[0].Id : null);
        await CountAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var phone = UserText.Line(Input.Phone);
        if (!WorldNames.IsLanguageCode(UserText.Line(Input.Language)))
        {
            ModelState.AddModelError("Input.Language", S["Choose the caller's language."]);
        }

        if (phone is not null && Phones.ToE164(phone) is null)
        {
            ModelState.AddModelError("Input.Phone", S["This is not a phone number."]);
        }
        else if (Input.FollowUpNeeded && phone is null)
        {
            ModelState.AddModelError("Input.Phone", S["Write the number to call back."]);
        }

        var summary = UserText.Paragraphs(Input.Summary);
        if (summary is null && Input.Problems.Count == 0)
        {
            ModelState.AddModelError("Input.Summary", S["Tick a problem or write a few words."]);
        }
        else if (summary?.Length > Intake.StoryMaxLength || UserText.Line(Input.Name)?.Length > Intake.NameMaxLength)
        {
            ModelState.AddModelError("Input.Summary", S["This is too long."]);
        }

        // APPI Art. 20(2): what tells of health or of being a victim is kept only with the caller's consent.
        if (!Input.CallerAgreed && summary is not null)
        {
            ModelState.AddModelError("Input.Summary", S["Keep a summary only if the caller agreed that we keep what they said: tick that they did, or leave it empty."]);
        }

        if (!Input.CallerAgreed && Input.Problems.Concat(Input.Urgent).Any(ConsultationTerms.IsSensitive))
        {
            ModelState.AddModelError("Input.Problems", S["An injury, an illness or a danger is kept only if the caller agreed that we keep what they said: tick that they did, or untick it."]);
        }

        if (Input.SessionId is { } chosen && Sessions.All(s => s.Id != chosen))
        {
            ModelState.AddModelError("Input.SessionId", S["Choose from the list."]);
        }

        if (Prefectures.Find(Input.PrefectureCode) is null && !string.IsNullOrEmpty(Input.PrefectureCode))
        {
            ModelState.AddModelError("Input.PrefectureCode", S["Choose from the list."]);
        }

        if (!ModelState.IsValid)
        {
            await CountAsync(cancellationToken);
            return Page();
        }

        var call = await desk.LogCallAsync(new LoggedCall(
            Input.SessionId,
            UserText.Line(Input.Language),
            UserText.Line(Input.Name),
            Phones.ToE164(phone),
            string.IsNullOrEmpty(Input.PrefectureCode) ? null : Input.PrefectureCode,
            WorldNames.IsCountry(Input.Nationality) ? Input.Nationality : null,
            Input.Problems.Where(ConsultationTerms.Problems.IsKnown).Distinct().ToList(),
            Input.Urgent.Where(ConsultationTerms.UrgentNeeds.IsKnown).Distinct().ToList(),
            summary,
            Input.FollowUpNeeded,
            Input.CallerAgreed), AuditLog.ActorOf(User)!.Value, cancellationToken);
        await audit.RecordAsync(AuditActions.CallLogged, AuditLog.ActorOf(User), "intake", call.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return Redirect($"/staff/calls?session={Input.SessionId}&saved={call.Reference}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // Sessions of the last day and the coming day: the ones a call can come in on.
        var now = clock.GetUtcNow().UtcDateTime;
        var (from, to) = (now.AddHours(-24), now.AddHours(24));
        Sessions = await db.Set<HotlineSession>().AsNoTracking()
            .Where(s => s.EndsAtUtc > from && s.StartsAtUtc < to && s.CancelledAtUtc == null)
            .OrderBy(s => s.StartsAtUtc)
            .ToListAsync(cancellationToken);
    }

    private async Task CountAsync(CancellationToken cancellationToken)
    {
        if (Input.SessionId is not { } session)
        {
            return;
        }

        // Whole calls: their problems are encrypted and read as each is loaded (a session has hundreds at most).
        var calls = await db.Intakes.AsNoTracking()
            .Where(i => i.HotlineSessionId == session)
            .ToListAsync(cancellationToken);
        Total = calls.Count;
        ByLanguage = calls.GroupBy(c => c.PreferredLanguage ?? "?").Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ToList();
        ByProblem = calls.SelectMany(c => c.Problems).GroupBy(p => p).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ToList();
    }

    public static string When(HotlineSession session) => JapanTime.FormatRange(session.StartsAtUtc, session.EndsAtUtc);
}

public sealed class CallInput
{
    public int? SessionId { get; set; }

    public string? Language { get; set; }

    public string? Name { get; set; }

    public string? Phone { get; set; }

    public string? PrefectureCode { get; set; }

    public string? Nationality { get; set; }

    public List<string> Problems { get; set; } = [];

    public List<string> Urgent { get; set; } = [];

    public string? Summary { get; set; }

    /// <summary>The operator read the short privacy notice and the caller agreed that we keep what they said.</summary>
    public bool CallerAgreed { get; set; }

    public bool FollowUpNeeded { get; set; }
}
