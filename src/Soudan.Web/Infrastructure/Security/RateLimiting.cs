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
            var l = limits.Value;
            // What a person sends is counted, not what they read: six volunteers behind one office
            // router may all open the sign-in page at 13:00 on a hotline day.
            o.AddPolicy(RateLimitPolicies.SignIn, context => IsRead(context) ? Unlimited : PerAddress(RateLimitPolicies.SignIn, context, l.SignInPerMinute, l));
            o.AddPolicy(RateLimitPolicies.PublicForm, context => IsRead(context) ? Unlimited : PerAddress(RateLimitPolicies.PublicForm, context, l.PublicFormPerMinute, l));
            // Every look at a follow-up link counts (guessing links means reading many of them); the
            // messages written there have the budget of the consultation form, counted apart.
            o.AddPolicy(RateLimitPolicies.FollowUp, context => IsRead(context)
                ? PerAddress(RateLimitPolicies.FollowUp, context, l.FollowUpPerMinute, l)
                : PerAddress(RateLimitPolicies.PublicForm, context, l.PublicFormPerMinute, l));
            o.OnRejected = OnRejectedAsync;
        });
        return builder;
    }

    private static readonly RateLimitPartition<string> Unlimited = RateLimitPartition.GetNoLimiter("unlimited");

    private static bool IsRead(HttpContext context) => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);

    /// <summary>One budget per address and kind (<paramref name="name"/>) within each policy.</summary>
    private static RateLimitPartition<string> PerAddress(string name, HttpContext context, int perMinute, RateLimitingOptions limits) =>
        limits.Enabled
            ? RateLimitPartition.GetFixedWindowLimiter(
                $"{name}:{context.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : Unlimited;

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
