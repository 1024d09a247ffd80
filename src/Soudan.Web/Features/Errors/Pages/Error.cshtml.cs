using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Errors.Pages;

/// <summary>
/// The page for every failed request that is not an API call: re-executed by the status-code and
/// exception middleware, in the language of the page that failed. Never a stack trace.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel : PageModel
{
    /// <summary>The status of the failed request: for an exception, what it means (a database away is 503).</summary>
    public int Code => HttpContext.Features.Get<IExceptionHandlerFeature>() is { Error: { } error }
        ? WebSetup.StatusFor(error)
        : RouteData.Values["code"] is string code && int.TryParse(code, out var value) && value is >= 400 and < 600 ? value
        : 404;   // an address such as /errors/-1 names no error: there is no such page

    public bool IsStaffPage => SoudanRequestCultureProvider.OriginalPath(HttpContext).IsStaff();

    /// <summary>A heading and, where it helps, what to do next. Both are keys of the public text.</summary>
    public (string Heading, string? Advice) Message => Code switch
    {
        400 or 405 or 415 or 422 => (Localizable.Public("This request could not be read."),
            Localizable.Public("If you were sending a form, go back, reload the page and try again.")),
        401 or 403 => (Localizable.Public("You do not have access to this page."), null),
        404 or 410 => (Localizable.Public("We could not find this page."),
            Localizable.Public("The address may be mistyped, or the page may have moved.")),
        413 => (Localizable.Public("What you sent is too large."),
            Localizable.Public("Shorten the text or send fewer or smaller files, then try again.")),
        429 => (Localizable.Public("Too many requests. Please wait a minute and try again."), null),
        503 => (Localizable.Public("The service is busy or being updated."),
            Localizable.Public("Please try again shortly.")),
        _ => (Localizable.Public("Something went wrong on our side."),
            Localizable.Public("Please try again in a few minutes. If it keeps happening, call us or write to us.")),
    };
}
