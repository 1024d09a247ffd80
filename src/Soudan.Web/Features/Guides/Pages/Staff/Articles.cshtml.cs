using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Time;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Guides.Pages.Staff;

/// <summary>Every guide and news post, each language's state at a glance: draft, scheduled, published, machine-assisted, behind the original.</summary>
[Authorize(Policy = StaffPolicies.Coordination)]
public sealed class ArticlesModel(ArticleDesk desk, TimeProvider clock, IStringLocalizer<StaffText> S) : PageModel
{
    public IReadOnlyList<Article> Articles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Articles = await desk.ListAsync(cancellationToken);

    public string StateOf(ArticleTranslation translation) => ArticleState.Describe(translation, clock, S);
}

/// <summary>"Published", "Scheduled for …" or "Draft", as the editors' pages say it.</summary>
public static class ArticleState
{
    public static string Describe(ArticleTranslation translation, TimeProvider clock, IStringLocalizer<StaffText> S) => translation switch
    {
        { Status: ArticleStatus.Published, PublishAtUtc: { } at } when at > clock.GetUtcNow().UtcDateTime => S["Scheduled for {0}", JapanTime.Format(at)].Value,
        { Status: ArticleStatus.Published } => S["Published"].Value,
        _ => S["Draft"].Value,
    };
}
