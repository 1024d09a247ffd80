using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Soudan.Web.Infrastructure.Hosting;

namespace Soudan.Web.Features.Intakes.Pages;

/// <summary>The privacy notice (APPI) the consultation form asks consent to, in the reader's language.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class PrivacyModel : PageModel
{
    public void OnGet()
    {
    }
}
