using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Web.Features.Accounts.Pages;

/// <summary>Signing out is a form post (a link could be triggered by another site); the page offers the button.</summary>
[Authorize(Policy = StaffPolicies.SignedIn)]
public sealed class SignOutModel(StaffSignInManager signIn, StaffUserManager users, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var actor = AuditLog.ActorOf(User);
        // A new security stamp ends this session for good: a copy of the cookie kept elsewhere (a shared
        // computer's disk, a proxy log) is refused at its next check (within a minute), not honoured for ten hours.
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        await audit.RecordAsync(AuditActions.SignedOut, actor, "staff", actor?.ToString(), cancellationToken);
        return RedirectToPage("SignIn");
    }
}
