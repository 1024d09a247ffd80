using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Resources;

namespace Soudan.Web.Infrastructure.Security;

/// <summary>
/// Limits per client address. <c>RateLimiting__Enabled=false</c> lifts them for load and fuzz
/// tests on loopback; it is never the default.
/// </summary>
public sealed class RateLimitingOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Sign-in attempts (password, code, passkey) per address per minute.</summary>
    [Range(1, 10_000)]
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Public form submissions (consultation, follow-up messages) per address per minute.</summary>
    [Range(1, 10_000)]
    public int PublicFormPerMinute { get; set; } = 10;

    /// <summary>Opening follow-up links per address per minute: enough for a person, too few to guess tokens.</summary>
    [Range(1, 10_000)]
    public int FollowUpPerMinute { get; set; } = 60;
}

public static class RateLimitPolicies
{
    public const string SignIn = "sign-in";
    public const string PublicForm = "public-form";
    public const string FollowUp = "follow-up";
}

public static class RateLimitingSetup
{
    public static WebApplicationBuilder AddSoudanRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitingOptions>().BindConfiguration("RateLimiting").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((o, limits) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            AddPolicy(o, RateLimitPolicies.SignIn, limits.Value, limits.Value.SignInPerMinute, countReads: false);
            AddPolicy(o, RateLimitPolicies.PublicForm, limits.Value, limits.Value.PublicFormPerMinute, countReads: false);
            // Every look at a follow-up link counts: guessing links means reading many of them.
            AddPolicy(o, RateLimitPolicies.FollowUp, limits.Value, limits.Value.FollowUpPerMinute, countReads: true);
            o.OnRejected = OnRejectedAsync;
        });
        return builder;
    }

    /// <summary>
    /// Counts what a person sends (posts) and, where asked, what they read: six volunteers behind one
    /// office router may all open the sign-in page at 13:00 on a hotline day.
    /// </summary>
    private static void AddPolicy(RateLimiterOptions options, string name, RateLimitingOptions limits, int perMinute, bool countReads) =>
        options.AddPolicy(name, context => limits.Enabled && (countReads || (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)))
            ? RateLimitPartition.GetFixedWindowLimiter(
                $"{name}:{context.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(name));

    /// <summary>An API caller gets a 429 problem; a person gets the "wait a minute" page in their language.</summary>
    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        context.Response.Headers.RetryAfter = "60";
        if (context.Request.Path.IsApi())
        {
            var T = context.RequestServices.GetRequiredService<IStringLocalizer<PublicText>>();
            await TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = T["Too many requests. Please wait a minute and try again."],
            }).ExecuteAsync(context);
        }

        // A page request keeps its empty 429: the status-code page answers it in the visitor's language.
    }
}
