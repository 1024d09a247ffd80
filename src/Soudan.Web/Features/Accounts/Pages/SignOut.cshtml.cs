using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Web.Features.Accounts.Pages;

/// <summary>Signing out is a form post (a link could be triggered by another site); the page offers the button.</summary>
[Authorize(Policy = StaffPolicies.SignedIn)]
public sealed class SignOutModel(StaffSignInManager signIn, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var actor = AuditLog.ActorOf(User);
        await signIn.SignOutAsync();
        await audit.RecordAsync(AuditActions.SignedOut, actor, "staff", actor?.ToString(), cancellationToken);
        return RedirectToPage("SignIn");
    }
}
