using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Guides.Pages;

/// <summary>
/// A guide or a news post in the reader's language. In a language it is not written in, the reader
/// gets the languages it is written in (a 404, with the links), never an empty page.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class ArticleModel(ArticleLibrary library) : PageModel
{
    public ArticleReading Reading { get; private set; } = null!;

    public string Section { get; private set; } = "guides";

    public string Html { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string section, string slug, CancellationToken cancellationToken)
    {
        Section = section == "news" ? "news" : "guides";
        var kind = Section == "news" ? ArticleKind.News : ArticleKind.Guide;
        if (slug.Length > Article.SlugMaxLength || await library.ReadAsync(kind, slug, PublicLanguages.Current.Code, cancellationToken) is not { } reading)
        {
            return NotFound();
        }

        Reading = reading;
        if (reading.Translation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else
        {
            Html = ArticleMarkdown.ToHtml(reading.Translation.Markdown);
        }

        return Page();
    }
}
