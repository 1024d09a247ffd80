using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace Soudan.Web.Infrastructure.Localization;

public static class LocalizationSetup
{
    public static WebApplicationBuilder AddSoudanLocalization(this WebApplicationBuilder builder)
    {
        // The marker types live in Soudan.Web.Resources beside their .resx files, so no ResourcesPath.
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = PublicLanguages.All.Select(l => l.Culture).ToList();
            o.DefaultRequestCulture = new RequestCulture(PublicLanguages.English.Culture);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = false;
            o.FallBackToParentUICultures = false;
            o.RequestCultureProviders = [new SoudanRequestCultureProvider()];
        });

        // Razor would otherwise write every non-Latin letter as &#x...; and triple the size of a
        // Japanese, Arabic or Burmese page on a prepaid connection.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

        builder.Services.Configure<RouteOptions>(o => o.ConstraintMap["publiclang"] = typeof(PublicLanguageRouteConstraint));
        return builder;
    }

    /// <summary>
    /// <c>/ZH-HANS/consult</c> is redirected to <c>/zh-Hans/consult</c>: one address per page, so links
    /// shared on LINE or Facebook all point to the same place.
    /// </summary>
    public static IApplicationBuilder UseCanonicalLanguageSegment(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var segment = SoudanRequestCultureProvider.FirstSegment(context.Request.Path);
        if (segment is not null && PublicLanguages.FindByCode(segment) is null &&
            PublicLanguages.FindByCodeIgnoringCase(segment) is { } language &&
            HttpMethods.IsGet(context.Request.Method))
        {
            var rest = new PathString(context.Request.Path.Value![(segment.Length + 1)..]);
            context.Response.Redirect($"/{language.Code}{rest.ToUriComponent()}{context.Request.QueryString}", permanent: true);
            return Task.CompletedTask;
        }

        return next(context);
    });
}

/// <summary>The <c>{lang:publiclang}</c> route constraint: one of the public language codes, exactly.</summary>
public sealed class PublicLanguageRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && PublicLanguages.FindByCode(value as string) is not null;
}
