using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Localization;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Security;
using Soudan.Web.Resources;

namespace Soudan.Web.Infrastructure.Hosting;

public static class WebSetup
{
    public static WebApplicationBuilder AddSoudanWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Features")
            // Pages validate on the server and work without JavaScript; no validation script is sent.
            .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider =
                (_, factory) => new AreaLocalizer(factory.Create(typeof(PublicText)), factory.Create(typeof(StaffText))));
        builder.Services.AddHttpContextAccessor();

        // `dotnet run` serves the build output, where the stylesheet's precompressed copies are found
        // only through the static web assets manifest, which ASP.NET reads only in Development: without
        // this, a browser asking for Brotli got an empty stylesheet. A published app has no manifest,
        // and this does nothing there.
        builder.WebHost.UseStaticWebAssets();

        // Pages are compressed (Brotli, else gzip): a worker on prepaid data gets the consultation form in
        // about 10 KB instead of 45. Over HTTPS too, which invites BREACH only where a response holds a
        // secret that stays the same from response to response next to text an attacker chooses: the
        // antiforgery token is masked anew in every response, and nothing an attacker sends is echoed into
        // a page that holds a follow-up link.
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        // Public pages that are the same for every reader of a language (home, a hotline session, the
        // privacy notice) are rendered once and kept for 30 seconds; a change a coordinator or admin saves
        // evicts them at once on this instance. Pages with forms are never cached (their tokens are per visitor).
        builder.Services.AddOutputCache(o => o.AddPolicy(PublicPageCache.Policy, p => p.Expire(TimeSpan.FromSeconds(30)).Tag(PublicPageCache.Tag).SetVaryByHeader("Accept-Encoding")));
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddScoped<PublicAddress>();
        return builder;
    }

    /// <summary>The order of the middleware, in one place.</summary>
    public static WebApplication UseSoudanPipeline(this WebApplication app)
    {
        // The client's address and scheme from a known proxy, before anything reads them; then the
        // cookies' names, before anything reads a cookie.
        app.UseSoudanForwardedHeaders();
        app.UseHostCookies();
        app.UseSoudanSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // API callers get RFC 9457 problem details; people get a page in their language. Neither a stack trace.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor });
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/errors/500", StatusCodeSelector = StatusFor });
            pages.UseStatusCodePagesWithReExecute("/errors/{0}");
        });

        app.UseCanonicalLanguageSegment();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRequestLocalization();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.Use(RejectOversizedRequestsAsync);
        app.UseOutputCache();
        // Inside the output cache, so that a kept page is kept compressed and not compressed again for
        // every reader (the cache keeps one copy per Accept-Encoding).
        app.UseResponseCompression();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapSoudanInfrastructure(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();

        // The benchmarks' baseline: the same pipeline, no work. Off unless Benchmark__Enabled=true.
        if (app.Configuration.GetValue("Benchmark:Enabled", false))
        {
            app.MapGet("/bench/hello", () => "hello").AllowAnonymous().ExcludeFromDescription();
        }

        // Anything else is a 404 for everyone. Without this endpoint an unknown address would meet the
        // staff-only fallback policy and be sent to the sign-in page.
        app.MapFallback("{*path}", () => TypedResults.NotFound()).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.IsApi();

    /// <summary>
    /// A body announced as larger than the server accepts is answered 413 before anything reads it;
    /// otherwise the antiforgery check would fail first and call it a bad request. It runs after
    /// routing, which applies an endpoint's own [RequestSizeLimit] (the case page takes uploads).
    /// </summary>
    private static Task RejectOversizedRequestsAsync(HttpContext context, RequestDelegate next)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (context.Request.ContentLength > limit && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }

        return next(context);
    }

    /// <summary>A database that cannot be reached is "try again shortly" (503), not a fault of ours to hide.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ when IsDatabaseUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static bool IsDatabaseUnavailable(Exception exception) =>
        exception is DbException or TimeoutException || (exception.InnerException is { } inner && IsDatabaseUnavailable(inner));
}

/// <summary>The output cache of public pages: its policy name, and the tag that evicts every page of it.</summary>
public static class PublicPageCache
{
    public const string Policy = "public-page";
    public const string Tag = "public-pages";

    /// <summary>After a change that public pages show (a hotline session, the ways to reach us).</summary>
    public static Task EvictAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>().EvictByTagAsync(Tag, cancellationToken).AsTask();
}

/// <summary>
/// Validation messages of forms come from the staff text on staff pages and from the public text
/// everywhere else, decided per request.
/// </summary>
internal sealed class AreaLocalizer(IStringLocalizer publicText, IStringLocalizer staffText) : IStringLocalizer
{
    private static readonly HttpContextAccessor Context = new();

    private IStringLocalizer Current =>
        Context.HttpContext?.Request.Path.IsStaff() == true ? staffText : publicText;

    public LocalizedString this[string name] => Current[name];

    public LocalizedString this[string name, params object[] arguments] => Current[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => Current.GetAllStrings(includeParentCultures);
}
