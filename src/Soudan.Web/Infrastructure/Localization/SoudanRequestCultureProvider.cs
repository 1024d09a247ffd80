using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Soudan.Web.Infrastructure.Hosting;

namespace Soudan.Web.Infrastructure.Localization;

/// <summary>
/// Picks the culture of a request from where it goes: a public page from its language segment
/// (<c>/tl/consult</c>), a staff page from the staff member's saved choice, an API call from
/// <c>Accept-Language</c>. An error page re-executed for a failed request uses the failed request's path.
/// </summary>
public sealed class SoudanRequestCultureProvider : RequestCultureProvider
{
    public const string StaffLanguageClaim = "soudan:staff-language";

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var language = Choose(httpContext);
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(language.Culture.Name));
    }

    public static PublicLanguage Choose(HttpContext httpContext)
    {
        var path = OriginalPath(httpContext);
        var acceptLanguage = httpContext.Request.Headers.AcceptLanguage.ToString();

        if (path.IsStaff())
        {
            return StaffLanguages.Find(httpContext.User.FindFirst(StaffLanguageClaim)?.Value)
                ?? StaffLanguages.FromAcceptLanguage(acceptLanguage)
                ?? StaffLanguages.Default;
        }

        if (path.IsApi())
        {
            return PublicLanguages.FromAcceptLanguage(acceptLanguage) ?? PublicLanguages.English;
        }

        // A page outside any language (an unknown segment such as /xx/) is answered in the fallback
        // language, English, with links to every language.
        return PublicLanguages.FindByCode(FirstSegment(path)) ?? PublicLanguages.English;
    }

    public static string? FirstSegment(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value) || value.Length < 2)
        {
            return null;
        }

        var end = value.IndexOf('/', 1);
        return end < 0 ? value[1..] : value[1..end];
    }

    /// <summary>The path the visitor asked for, also while an error page is re-executed for it.</summary>
    public static PathString OriginalPath(HttpContext httpContext) =>
        httpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
        ?? httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path
        ?? httpContext.Request.Path;
}
