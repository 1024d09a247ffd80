using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Web.Features.Accounts;

/// <summary>What every successful sign-in does, whichever way the person signed in.</summary>
public static class StaffSessions
{
    public static async Task RecordSignInAsync(StaffUserManager users, AuditLog audit, StaffUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        user.LastSignInAtUtc = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        await audit.RecordAsync(AuditActions.SignedIn, user.Id, "staff", user.Id.ToString(), cancellationToken);
    }

    /// <summary>Only a path inside the staff area; anything else (another site, a public page) goes home.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith("/staff", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal) &&
        !returnUrl.Contains('\\', StringComparison.Ordinal) && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
            ? returnUrl
            : "/staff";
}
