using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Accounts;

/// <summary>
/// The two calls the browser makes before asking the authenticator (WebAuthn): options to create a
/// passkey, and options to sign in with one. The ceremony's state stays in an encrypted cookie
/// (Identity's own); the pages then post the browser's answer as an ordinary form.
/// </summary>
public static class PasskeyEndpoints
{
    public static IEndpointRouteBuilder MapPasskeys(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/staff/account/passkeys/creation-options", CreationOptionsAsync)
            .RequireAuthorization(StaffPolicies.SignedIn)
            .ExcludeFromDescription();
        routes.MapPost("/staff/sign-in/passkey-options", RequestOptionsAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.SignIn)
            .ExcludeFromDescription();
        return routes;
    }

    private static async Task<Results<ContentHttpResult, UnauthorizedHttpResult, BadRequest>> CreationOptionsAsync(
        HttpContext context, StaffUserManager users, StaffSignInManager signIn, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var user = await users.GetUserAsync(context.User);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id.ToString(),
            Name = user.Email!,
            DisplayName = user.DisplayName,
        });
        return TypedResults.Content(options, "application/json");
    }

    private static async Task<Results<ContentHttpResult, BadRequest>> RequestOptionsAsync(
        HttpContext context, StaffSignInManager signIn, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        // No user named: the browser offers whichever passkeys it holds for this site, and the
        // answer does not tell whether an e-mail address has an account.
        var options = await signIn.MakePasskeyRequestOptionsAsync(null);
        return TypedResults.Content(options, "application/json");
    }
}
