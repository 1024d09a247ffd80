using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Soudan.Web.Features.Accounts.Pages;

[Authorize(Policy = StaffPolicies.SignedIn)]
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
