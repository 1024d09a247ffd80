using Microsoft.Extensions.Primitives;

namespace Soudan.Web.Infrastructure.Security;

/// <summary>
/// Over HTTPS, every cookie of Soudan (all are named <c>soudan.*</c>: the session, antiforgery,
/// second-step and passkey cookies) travels as <c>__Host-soudan.*</c>. Browsers accept such a
/// cookie only from this very host, over HTTPS, for the whole site, so a neighbouring site or a
/// plain-HTTP page cannot plant one (a session fixation, or a known antiforgery token). Plain
/// <c>soudan.*</c> cookies sent over HTTPS, which is what such a plant would look like, are ignored.
/// Over plain HTTP (a developer on localhost) names stay as they are: browsers refuse the prefix there.
/// </summary>
/// <remarks>
/// Done once here, at the edge of the pipeline, instead of in each cookie's options, so that no
/// cookie added later can forget it: the app reads and writes the plain names.
/// </remarks>
public static class HostCookies
{
    public const string Prefix = "__Host-";

    private const string Ours = "soudan.";

    public static IApplicationBuilder UseHostCookies(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!context.Request.IsHttps)
        {
            return next(context);
        }

        if (context.Request.Headers.Cookie is { Count: > 0 } sent)
        {
            context.Request.Headers.Cookie = Received(sent);
        }

        // Registered first, so it runs last: it sees the cookies every other part of the app set.
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            if (headers.SetCookie.Any(c => c?.StartsWith(Ours, StringComparison.Ordinal) == true))
            {
                headers.SetCookie = new StringValues(headers.SetCookie.Select(c => c is null ? c : Sent(c)).ToArray());
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    });

    /// <summary>The request's cookies as the app knows them: <c>__Host-soudan.x</c> read as <c>soudan.x</c>, a plain <c>soudan.x</c> dropped.</summary>
    private static StringValues Received(StringValues headers)
    {
        var kept = new List<string>();
        foreach (var pair in headers.SelectMany(h => (h ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (pair.StartsWith(Prefix + Ours, StringComparison.Ordinal))
            {
                kept.Add(pair[Prefix.Length..]);
            }
            else if (!pair.StartsWith(Ours, StringComparison.Ordinal))
            {
                kept.Add(pair);
            }
        }

        return string.Join("; ", kept);
    }

    /// <summary>
    /// <c>soudan.x=...; path=/; secure; ...</c> as <c>__Host-soudan.x</c>, with what the prefix
    /// demands: Secure, Path=/ and no Domain.
    /// </summary>
    private static string Sent(string setCookie)
    {
        if (!setCookie.StartsWith(Ours, StringComparison.Ordinal))
        {
            return setCookie;
        }

        var parts = setCookie.Split(';', StringSplitOptions.TrimEntries).ToList();
        var attributes = parts.Skip(1)
            .Where(a => a.Length > 0 && !IsAttribute(a, "domain") && !IsAttribute(a, "path") && !IsAttribute(a, "secure"));
        return string.Join("; ", [Prefix + parts[0], "path=/", "secure", .. attributes]);
    }

    private static bool IsAttribute(string attribute, string name) =>
        attribute.Equals(name, StringComparison.OrdinalIgnoreCase) || attribute.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase);
}
