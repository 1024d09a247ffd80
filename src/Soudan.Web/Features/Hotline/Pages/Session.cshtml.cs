using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Soudan.Web.Infrastructure.Hosting;

namespace Soudan.Web.Features.Hotline.Pages;

/// <summary>One hotline session, with a stable address per language to share on LINE or Facebook.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class SessionModel(HotlineSchedule schedule) : PageModel
{
    public HotlineSession? Session { get; private set; }

    public DateTime NowUtc => schedule.NowUtc;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Session = await schedule.FindAsync(id, cancellationToken);
        return Session is null ? NotFound() : Page();
    }
}
