using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Soudan.Web.Features.Guides;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Security;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Intakes.Pages;

/// <summary>
/// The online consultation, for people who cannot call: one form, no account, no JavaScript needed.
/// After an error everything typed is still there; after sending, the same page shows the
/// reference number and the private follow-up link (no redirect: the link must not travel further).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.PublicForm)]
public sealed partial class ConsultModel(IntakeDesk desk, PublicAddress address, ArticleLibrary guides, IOptions<IntakeOptions> options, IStringLocalizer<PublicText> T, ILogger<ConsultModel> logger) : PageModel
{
    /// <summary>Where each API field's problem is shown on the form.</summary>
    private static readonly Dictionary<string, string> FormFields = new(StringComparer.Ordinal)
    {
        ["name"] = "Input.Name",
        ["preferredLanguage"] = "Input.OtherLanguage",
        ["contact"] = "Input.Phone",
        ["contact.phone"] = "Input.Phone",
        ["contact.email"] = "Input.Email",
        ["contact.line"] = "Input.Line",
        ["contact.other"] = "Input.OtherContact",
        ["contact.bestTime"] = "Input.BestTime",
        ["prefectureCode"] = "Input.PrefectureCode",
        ["nationality"] = "Input.Nationality",
        ["residenceStatus"] = "Input.ResidenceStatus",
        ["employer"] = "Input.Employer",
        ["dispatchAgency"] = "Input.DispatchAgency",
        ["employmentType"] = "Input.EmploymentType",
        ["industry"] = "Input.Industry",
        ["problems"] = "Input.Problems",
        ["urgent"] = "Input.Urgent",
        ["description"] = "Input.Description",
        ["consent"] = "Input.Consent",
    };

    [BindProperty]
    public ConsultInput Input { get; set; } = new();

    /// <summary>One per form shown: sending it twice stores one consultation.</summary>
    [BindProperty]
    public string? SubmissionKey { get; set; }

    public ReceivedIntake? Received { get; private set; }

    public string? FollowUpUrl { get; private set; }

    public int CallbackDays => options.Value.CallbackDays;

    public int LinkDaysAfterClosing => (int)options.Value.LinkWorksAfterClosing.TotalDays;

    /// <summary>Our guide on each problem, where there is one in the reader's language, linked beside its box.</summary>
    public IReadOnlyDictionary<string, ArticleListing> Guides { get; private set; } = new Dictionary<string, ArticleListing>();

    /// <param name="tool">The calculator the worker comes from, which says what the problem is.</param>
    /// <param name="yen">The figure it gave, written into the story so it need not be typed again.</param>
    /// <param name="cancellationToken">The request's.</param>
    public async Task OnGetAsync(string? tool, string? yen, CancellationToken cancellationToken)
    {
        Guides = await GuidesBesideTheFormAsync(PublicLanguages.Current.Code, cancellationToken);
        SubmissionKey = NewKey();
        Input.PreferredLanguage = ConsultInput.DefaultAnswerLanguage(PublicLanguages.Current);
        if (Calculators.CalculatorKind.Find(tool) is { } calculator)
        {
            Response.Headers.CacheControl = "no-store"; // the figure may be the worker's pay
            if (ConsultationTerms.Problems.IsKnown(calculator.Problem))
            {
                Input.Problems.Add(calculator.Problem!);
            }

            Input.Description = Infrastructure.Text.FormValues.TryYen(yen, out var amount) && amount is > 0 and < 1_000_000_000
                ? T["I used your calculator ({0}). It says I may be owed {1}.", T[calculator.Title], Calculators.CalculatorWords.Yen(amount.Value)] + "\n\n"
                : T["I used your calculator ({0}).", T[calculator.Title]] + "\n\n";
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();   // the rules below are the only ones, shared with the API
        var language = PublicLanguages.Current;
        var (clean, errors) = IntakeRules.Check(Input.ToRequest(language));
        if (clean is null)
        {
            foreach (var error in errors)
            {
                var arguments = error.Arguments.Select(a => IntakeRules.FormatArgument(a, CultureInfo.CurrentCulture)).ToArray<object>();
                ModelState.AddModelError(FormFields.GetValueOrDefault(error.Field, string.Empty), T[error.Message, arguments]);
            }

            SubmissionKey ??= NewKey();
            Guides = await GuidesBesideTheFormAsync(language.Code, cancellationToken);
            return Page();
        }

        SubmissionKey = SubmissionKey is { Length: > 0 and <= IntakeDesk.SubmissionKeyMaxLength } ? SubmissionKey : NewKey();
        try
        {
            Received = await desk.ReceiveAsync(clean, "form:" + SubmissionKey, "web-form", suspectedSpam: !string.IsNullOrEmpty(Input.Website), cancellationToken);
        }
        catch (Exception e) when (WebSetup.IsDatabaseUnavailable(e))
        {
            // The database is away or its disk is full. The worker keeps the form as typed, with the
            // same submission key, so sending it again later stores one consultation, not two.
            LogNotStored(logger, e);
            ModelState.AddModelError(string.Empty, T["We could not save your consultation just now. Nothing you wrote is lost: it is still in the form below. Please send it again in a few minutes, or call us."]);
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "60";
            Response.Headers.CacheControl = "no-store";
            return Page();
        }

        FollowUpUrl = Received.FollowUpPath is { } path ? address.For(path) : null;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>The guides are a help beside the form, never a reason to lose it: without the database the form comes alone.</summary>
    private async Task<IReadOnlyDictionary<string, ArticleListing>> GuidesBesideTheFormAsync(string language, CancellationToken cancellationToken)
    {
        try
        {
            return await guides.GuidesByCategoryAsync(language, cancellationToken);
        }
        catch (Exception e) when (WebSetup.IsDatabaseUnavailable(e))
        {
            LogWithoutGuides(logger, e);
            return new Dictionary<string, ArticleListing>();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A consultation could not be stored: the database is unavailable; the form was shown again as typed")]
    private static partial void LogNotStored(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The consultation form is shown without its guides: the database is unavailable")]
    private static partial void LogWithoutGuides(ILogger logger, Exception exception);

    private static string NewKey() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
}
