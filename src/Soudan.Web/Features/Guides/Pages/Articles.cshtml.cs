using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Text;

namespace Soudan.Web.Features.Guides.Pages;

/// <summary>The guides (searchable) or the news of one language, newest first.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.Policy, VaryByQueryKeys = ["q"])]
public sealed class ArticlesModel(ArticleLibrary library) : PageModel
{
    public const int Shown = 100;

    public ArticleKind Kind { get; private set; }

    public string Section { get; private set; } = "guides";

    public string? Search { get; private set; }

    public IReadOnlyList<ArticleListing> Listings { get; private set; } = [];

    public async Task OnGetAsync(string section, string? q, CancellationToken cancellationToken)
    {
        (Kind, Section) = section == "news" ? (ArticleKind.News, "news") : (ArticleKind.Guide, "guides");
        Search = UserText.Line(q) is { } line ? (line.Length > ArticleLibrary.SearchMaxLength ? line[..ArticleLibrary.SearchMaxLength] : line) : null;
        Listings = await library.ListAsync(Kind, PublicLanguages.Current.Code, Kind == ArticleKind.Guide ? Search : null, Shown, cancellationToken);
    }
}
