using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Soudan.Web.Features.Guides;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Calculators.Pages;

/// <summary>
/// One calculator for the public, in the reader's language: the form (filled in from the address
/// when a guide links here with values), and after "Calculate" the answer with every step, the law
/// and a way to talk to us that carries the figure over. Nothing typed here is stored or logged.
/// </summary>
[AllowAnonymous]
public sealed class ToolModel(MinimumWageRates rates, CalculatorWords words, ArticleLibrary guides, TimeProvider clock) : CalculatorPageModel(rates, words, clock)
{
    /// <summary>Our guide on the problem this calculator is about, in the reader's language, if there is one.</summary>
    public ArticleListing? Guide { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken cancellationToken)
    {
        if (!Open(kind))
        {
            return NotFound();
        }

        await FindGuideAsync(cancellationToken);
        Input.SetDefaults(Today);
        if (Request.Query.Count > 0)
        {
            // A link from a guide or another calculator: ?averageWage=9782.6 fills the box in; nothing
            // is calculated yet. The values may be someone's pay: not kept by any cache.
            await TryUpdateModelAsync(Input, Input.GetType(), "");
            ModelState.Clear();
            Response.Headers.CacheControl = "no-store";
        }

        Input.Tidy();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, CancellationToken cancellationToken)
    {
        if (!await ReadAsync(kind))
        {
            return NotFound();
        }

        await CalculateAsync(cancellationToken);
        await FindGuideAsync(cancellationToken);
        return Page();
    }

    private async Task FindGuideAsync(CancellationToken cancellationToken) =>
        Guide = Kind.Problem is { } problem ? (await guides.GuidesByCategoryAsync(PublicLanguages.Current.Code, cancellationToken)).GetValueOrDefault(problem) : null;

    protected override Task<IActionResult?> RefusedAsync(CancellationToken cancellationToken) => Task.FromResult<IActionResult?>(null);
}
