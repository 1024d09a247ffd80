using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Home;

public static class HomeEndpoints
{
    /// <summary><c>/</c> sends the visitor to the home page in the language their phone asks for, else English.</summary>
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (HttpContext context) =>
            {
                var language = PublicLanguages.FromAcceptLanguage(context.Request.Headers.AcceptLanguage.ToString()) ?? PublicLanguages.English;
                context.Response.Headers.Vary = "Accept-Language";
                return TypedResults.Redirect(language.HomePath);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return routes;
    }
}
