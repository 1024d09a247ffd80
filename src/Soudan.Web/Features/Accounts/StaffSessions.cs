using System.Globalization;
using System.Security.Claims;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Web.Features.Accounts;

/// <summary>What every successful sign-in does, whichever way the person signed in, and how long its session lasts.</summary>
public static class StaffSessions
{
    /// <summary>
    /// However active the person, a session ends this long after its sign-in (a shift and then
    /// some): a stolen cookie, or a browser left open in a shared office, stops working by itself.
    /// </summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(10);

    /// <summary>When the session's sign-in happened, in Unix seconds; renewing the cookie keeps it.</summary>
    public const string SignedInAtClaim = "soudan:signed-in-at";

    public static Claim SignedInAt(DateTimeOffset time) =>
        new(SignedInAtClaim, time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);

    public static DateTimeOffset? SignedInAtOf(ClaimsPrincipal? principal) =>
        long.TryParse(principal?.FindFirstValue(SignedInAtClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>A session without its sign-in time (made before sessions had one) is over too.</summary>
    public static bool IsOver(ClaimsPrincipal principal, DateTimeOffset now) =>
        SignedInAtOf(principal) is not { } signedInAt || now - signedInAt >= MaxLifetime;

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
