using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Accounts;

namespace Soudan.Tests.Security;

/// <summary>
/// Every endpoint the app maps, asked anonymously and by a staff member without a second factor.
/// An endpoint added without an entry here fails: public ones must be listed on purpose.
/// </summary>
[Collection(OnSqlite.Name)]
public sealed class EndpointAccessTests(SqliteAppFixture fixture)
{
    /// <summary>What anyone may reach without signing in.</summary>
    private static readonly HashSet<string> Public = new(StringComparer.Ordinal)
    {
        "/",
        "/{lang:publiclang}",
        "/{lang:publiclang}/consult",
        "/{lang:publiclang}/c/{token}",
        "/{lang:publiclang}/privacy",
        "/{lang:publiclang}/hotline/{id:int}",
        "/{lang:publiclang}/hotline/{id:int}/calendar.ics",
        "/{lang:publiclang}/stats",
        "/{lang:publiclang}/{section:regex(^(guides|news)$)}",
        "/{lang:publiclang}/{section:regex(^(guides|news)$)}/{slug:regex(^[a-z0-9-]+$)}",
        "/{lang:publiclang}/news/feed.atom",
        "/media/{file}",    // the articles' images, public like the articles (addressed by hash)
        "/{lang:publiclang}/tools",
        "/{lang:publiclang}/tools/{kind}",
        "/api/v1/intakes",
        "/api/v1/hotline-sessions",
        "/api/v1/minimum-wages/{prefectureCode}",
        "/api/v1/stats/public",
        "/api/v1/calculations/minimum-wage-check",
        "/api/v1/calculations/average-wage",
        "/api/v1/calculations/leave-allowance",
        "/api/v1/calculations/notice-allowance",
        "/api/v1/calculations/paid-leave",
        "/api/v1/calculations/claim-limitation",
        "/api/v1/calculations/overtime",
        "/errors/{code:int}",
        "/healthz",
        "/readyz",
        "/openapi/{documentName}.json",
        "/staff/sign-in",
        "/staff/sign-in/two-factor",
        "/staff/sign-in/passkey-options",
        "/staff/setup/{token}",
        "/{*path}",
        "/{**path:file}",   // the static files' own fallback: a missing file is a 404 for everyone
    };

    /// <summary>What a signed-in staff member reaches before setting up a second factor: only the way to set one up.</summary>
    private static readonly HashSet<string> BeforeSecondFactor = new(StringComparer.Ordinal)
    {
        "/staff/account",
        "/staff/account/two-factor",
        "/staff/account/passkeys",
        "/staff/account/passkeys/creation-options",
        "/staff/sign-out",
        "/staff/access-denied",
    };

    [Fact]
    public async Task Anonymous_requests_reach_only_the_public_endpoints()
    {
        using var client = fixture.App.CreateClient();
        var reached = new List<string>();

        foreach (var (pattern, method, path) in Endpoints())
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            var refused = path.StartsWith("/api/", StringComparison.Ordinal)
                ? response.StatusCode == HttpStatusCode.Unauthorized
                : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/staff/sign-in?", StringComparison.Ordinal);
            if (!refused)
            {
                reached.Add(pattern);
            }
        }

        Assert.Equal(Public.Order(), reached.Distinct().Order());
    }

    [Fact]
    public async Task An_admin_without_a_second_factor_reaches_nothing_but_the_way_to_set_one_up()
    {
        var credentials = await fixture.App.CreateStaffAsync(StaffRoles.All.ToArray(), twoFactor: false);
        using var browser = fixture.App.CreatePageClient();
        await browser.SignInAsync(credentials);
        var reached = new List<string>();

        foreach (var (pattern, method, path) in Endpoints().Where(e => !Public.Contains(e.Pattern)))
        {
            var response = await browser.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            var sentToSetup = path.StartsWith("/api/", StringComparison.Ordinal)
                ? response.StatusCode == HttpStatusCode.Forbidden
                : response.Headers.Location?.OriginalString == "/staff/account/two-factor";
            if (!sentToSetup)
            {
                reached.Add(pattern);
            }
        }

        Assert.Equal(BeforeSecondFactor.Order(), reached.Distinct().Order());
    }

    /// <summary>Each routed endpoint with a concrete path and each of its methods (GET when it takes any).</summary>
    private IEnumerable<(string Pattern, string Method, string Path)> Endpoints()
    {
        var sources = fixture.App.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.Any(m => m.GetType().FullName!.Contains("StaticAsset", StringComparison.Ordinal)))
            {
                continue;   // the app's own CSS and script files, public by nature
            }

            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            foreach (var method in methods.Where(m => m is not ("HEAD" or "OPTIONS")))
            {
                yield return (pattern, method, Concrete(endpoint.RoutePattern));
            }
        }
    }

    private static string Concrete(RoutePattern pattern) => "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart parameter => parameter.Name switch
        {
            "lang" => "en",
            "code" => "404",
            "documentName" => "v1",
            "id" when parameter.ParameterPolicies.Any(p => p.Content is "int" or "long" || p.Content!.StartsWith("regex", StringComparison.Ordinal)) => "1",
            "id" => Guid.NewGuid().ToString(),
            "token" => "not-a-real-token-0000",
            "path" when parameter.ParameterPolicies.Any(p => p.Content == "file") => "no/such/file.txt",
            "path" => "no/such/page",
            _ => "1",
        },
        _ => "",
    }))));
}
