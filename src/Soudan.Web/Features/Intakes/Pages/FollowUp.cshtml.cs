using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Security;
using Soudan.Web.Infrastructure.Text;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Intakes.Pages;

/// <summary>A message in the conversation, as the worker reads it.</summary>
public sealed record ThreadEntry(bool FromWorker, DateTime SentAtUtc, string? Text);

/// <summary>
/// The worker's private page, reached only with the link they were given: the status in plain words,
/// the conversation with the counselor, a box to write more, and the way to delete it all. A link that
/// does not work (mistyped, erased, never made) gets one and the same answer, and every request here is
/// rate-limited, so links cannot be guessed.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.FollowUp)]
public sealed class FollowUpModel(IntakeDesk desk, Privacy.CaseErasure erasure, Microsoft.Extensions.Options.IOptions<IntakeOptions> options, Microsoft.Extensions.Options.IOptions<Privacy.PrivacyOptions> privacy, IStringLocalizer<PublicText> T) : PageModel
{
    [BindProperty]
    public string? Message { get; set; }

    /// <summary>The honeypot, as on the consultation form.</summary>
    [BindProperty]
    public string? Website { get; set; }

    [FromQuery(Name = "sent")]
    public bool Sent { get; set; }

    [FromQuery(Name = "erase")]
    public bool ConfirmingErase { get; set; }

    public bool Erased { get; private set; }

    public Intake? Intake { get; private set; }

    /// <summary>When this link stops working; null while the consultation is open.</summary>
    public DateTime? LinkEndsAtUtc { get; private set; }

    public int LinkDaysAfterClosing => (int)options.Value.LinkWorksAfterClosing.TotalDays;

    /// <summary>Within how many days a counselor decides on the case of a worker who asked to be deleted.</summary>
    public int DecideErasureWithinDays => privacy.Value.DecideErasureWithinDays;

    /// <summary>The erased consultation had become (or joined) a case: the page says what happens to it.</summary>
    public bool HadCase { get; private set; }

    public IReadOnlyList<ThreadEntry> Thread { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken))
        {
            return NotFound();
        }

        var text = UserText.Paragraphs(Message);
        if (text is null)
        {
            ModelState.AddModelError(nameof(Message), T["Write your message first."]);
        }
        else if (text.Length > IntakeMessage.BodyMaxLength)
        {
            ModelState.AddModelError(nameof(Message), T["This is too long. Please shorten it to {0} characters.", IntakeMessage.BodyMaxLength.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (string.IsNullOrEmpty(Website))
        {
            await desk.AddWorkerMessageAsync(Intake!, text!, cancellationToken);
        }

        // Post, then redirect: a reload does not send the message twice.
        return Redirect($"/{PublicLanguages.Current.Code}/c/{token}?sent=true#messages");
    }

    public async Task<IActionResult> OnPostEraseAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken))
        {
            return NotFound();
        }

        HadCase = Intake!.CaseId is not null;
        await erasure.EraseConsultationAsync(Intake!, cancellationToken);
        (Erased, Intake, Thread, LinkEndsAtUtc) = (true, null, [], null);
        return Page();
    }

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        if (await desk.FindByTokenAsync(token, cancellationToken) is not { } found)
        {
            return false;
        }

        (Intake, LinkEndsAtUtc) = found;

        Thread =
        [
            new ThreadEntry(true, Intake.ReceivedAtUtc, desk.Read(Intake.StoryProtected)),
            .. Intake.Messages.Select(m => new ThreadEntry(m.FromWorker, m.SentAtUtc, desk.Read(m.BodyProtected))),
        ];
        return true;
    }
}
