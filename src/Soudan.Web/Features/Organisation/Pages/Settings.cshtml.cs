using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Text;

namespace Soudan.Web.Features.Organisation.Pages;

/// <summary>The ways to reach the organisation shown on the public home page (admins).</summary>
[Authorize(Policy = StaffPolicies.Admin)]
public sealed class SettingsModel(SoudanDbContext db, AuditLog audit) : PageModel
{
    [BindProperty]
    public ChannelsInput Input { get; set; } = new();

    [FromQuery]
    public bool Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var channels = await db.GetContactChannelsAsync(cancellationToken);
        Input = new ChannelsInput
        {
            Email = channels.Email,
            LineId = channels.LineId,
            LineUrl = channels.LineUrl,
            OfficePhone = channels.OfficePhone,
            OfficeHours = channels.OfficeHours,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var channels = await db.Set<ContactChannels>().SingleOrDefaultAsync(c => c.Id == ContactChannels.SingletonId, cancellationToken);
        if (channels is null)
        {
            channels = new ContactChannels();
            db.Add(channels);
        }

        channels.Email = UserText.Line(Input.Email);
        channels.LineId = UserText.Line(Input.LineId);
        channels.LineUrl = UserText.Line(Input.LineUrl);
        channels.OfficePhone = UserText.Line(Input.OfficePhone);
        channels.OfficeHours = UserText.Line(Input.OfficeHours);
        audit.Add(AuditActions.SettingsChanged, AuditLog.ActorOf(User), "settings", "contact-channels");
        await db.SaveChangesAsync(cancellationToken);
        await PublicPageCache.EvictAsync(HttpContext.RequestServices, cancellationToken);
        return RedirectToPage(new { saved = true });
    }
}

public sealed class ChannelsInput
{
    [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.org.")]
    [StringLength(254, ErrorMessage = "The e-mail address is too long.")]
    public string? Email { get; set; }

    [StringLength(100, ErrorMessage = "This is too long.")]
    public string? LineId { get; set; }

    [Url(ErrorMessage = "Enter a full address starting with https://")]
    [StringLength(300, ErrorMessage = "This is too long.")]
    public string? LineUrl { get; set; }

    [RegularExpression(@"^[0-9+\-() ]{6,40}$", ErrorMessage = "Enter a phone number in digits, such as 03-1234-5678.")]
    public string? OfficePhone { get; set; }

    [StringLength(300, ErrorMessage = "This is too long.")]
    public string? OfficeHours { get; set; }
}
