using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Security;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Intakes;

/// <summary>The answer to a consultation received through the API.</summary>
/// <param name="Reference">The number to quote on the phone.</param>
/// <param name="FollowUpUrl">The person's private page: keep it private.</param>
public sealed record IntakeReceipt(string Reference, string FollowUpUrl);

public static class IntakeEndpoints
{
    public static IEndpointRouteBuilder MapIntakes(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/intakes", ReceiveAsync)
            .WithTags("Consultations")
            .WithName("CreateIntake")
            .WithSummary("Send a consultation, as the online form does")
            .WithDescription(
                "The same fields and rules as the form at /{lang}/consult. Send an Idempotency-Key header to make a retried " +
                "request safe: the same key with the same content returns the consultation already received, with its " +
                "link for an hour, then 409 with its reference only. Errors name each field (RFC 9457) " +
                "in the language of interfaceLanguage, else of Accept-Language.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicForm);
        return routes;
    }

    private static async Task<Results<Created<IntakeReceipt>, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        IntakeRequest request,
        HttpContext http,
        IntakeDesk desk,
        PublicAddress address,
        IStringLocalizer<PublicText> T,
        CancellationToken cancellationToken)
    {
        var (clean, errors) = IntakeRules.Check(request);
        if (clean is null)
        {
            // Answer in the worker's language when the caller says which it is.
            if (Soudan.Web.Infrastructure.Localization.PublicLanguages.FindByCodeIgnoringCase(request.InterfaceLanguage) is { } language)
            {
                CultureInfo.CurrentUICulture = language.Culture;
                CultureInfo.CurrentCulture = language.Culture;
            }

            return TypedResults.ValidationProblem(
                errors.GroupBy(e => e.Field).ToDictionary(
                    g => g.Key,
                    g => g.Select(e => T[e.Message, [.. e.Arguments.Select(a => IntakeRules.FormatArgument(a, CultureInfo.CurrentCulture))]].Value).ToArray()),
                title: T["Please check what you sent."]);
        }

        // A retried request (same Idempotency-Key, same content) returns the consultation already
        // received (IntakeDesk: another caller reusing a key gets a new consultation, never someone
        // else's link; a retry long after gets the reference only).
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        key = key.Length is >= 16 and <= IntakeDesk.SubmissionKeyMaxLength
            ? "api:" + key
            : "api:" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

        var received = await desk.ReceiveAsync(clean, key, "api", suspectedSpam: false, cancellationToken);
        if (received.FollowUpPath is not { } path)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: T["This consultation was already received."],
                detail: T["Its reference number is {0}. Its private link was given with the first answer.", received.Reference]);
        }

        return TypedResults.Created((string?)null, new IntakeReceipt(received.Reference, address.For(path)));
    }
}
