using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Soudan.Web.Data;
using Soudan.Web.Features.Guides;
using Soudan.Web.Features.Hotline;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.Organisation;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Home.Pages;

/// <summary>
/// The front door: the hotline session on now ("Call now") or the next one, the online form for
/// those who cannot call, the problems we help with, and the other ways to reach us.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class IndexModel(HotlineSchedule schedule, ArticleLibrary guides, SoudanDbContext db) : PageModel
{
    /// <summary>The problems people call about (issue: lost shifts, closure, cut wages...), in this order.</summary>
    private static readonly string[] HomeProblems =
    [
        "lost-shifts", "company-closure", "wage-cut", "unpaid-leave-allowance", "cannot-pay-rent", "telework", "no-income",
        "dismissal", "harassment", "outing-or-discrimination", "unpaid-wages", "work-injury", "residence-status",
    ];

    public IReadOnlyList<Term> Problems { get; } = HomeProblems.Select(code => ConsultationTerms.Problems.Find(code)!).ToList();

    /// <summary>The session on now, if any.</summary>
    public HotlineSession? OnNow { get; private set; }

    /// <summary>Coming sessions, the next first (cancelled ones included, marked).</summary>
    public IReadOnlyList<HotlineSession> Coming { get; private set; } = [];

    public ContactChannels Channels { get; private set; } = new();

    /// <summary>Our guide on each problem, where there is one in the reader's language.</summary>
    public IReadOnlyDictionary<string, ArticleListing> Guides { get; private set; } = new Dictionary<string, ArticleListing>();

    /// <summary>The newest guides, for those who come to read rather than to call.</summary>
    public IReadOnlyList<ArticleListing> NewestGuides { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var sessions = await schedule.UpcomingAsync(4, cancellationToken);
        var now = schedule.NowUtc;
        OnNow = sessions.FirstOrDefault(s => s.IsOnAt(now));
        Coming = sessions.Where(s => s != OnNow).ToList();
        Channels = await db.GetContactChannelsAsync(cancellationToken);
        Guides = await guides.GuidesByCategoryAsync(PublicLanguages.Current.Code, cancellationToken);
        NewestGuides = await guides.ListAsync(ArticleKind.Guide, PublicLanguages.Current.Code, null, 6, cancellationToken);
    }
}
