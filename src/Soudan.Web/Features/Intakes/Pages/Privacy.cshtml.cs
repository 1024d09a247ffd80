using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Soudan.Web.Features.Intakes.Pages;

/// <summary>The privacy notice (APPI) the consultation form asks consent to, in the reader's language.</summary>
[AllowAnonymous]
public sealed class PrivacyModel : PageModel
{
    public void OnGet()
    {
    }
}
