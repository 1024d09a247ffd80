using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Soudan.Web.Infrastructure.Hosting;

namespace Soudan.Web.Features.Calculators.Pages;

/// <summary>The calculators, each with the question it answers.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class ToolsModel : PageModel
{
    public void OnGet()
    {
    }
}
