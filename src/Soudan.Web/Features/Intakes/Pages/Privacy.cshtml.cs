using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Hosting;

namespace Soudan.Web.Features.Intakes.Pages;

/// <summary>The privacy notice (APPI) the consultation form asks consent to, in the reader's language.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class PrivacyModel(SoudanDbContext db, Microsoft.Extensions.Options.IOptions<Privacy.PrivacyOptions> privacy) : PageModel
{
    /// <summary>Within how many days a case is erased after its worker asked, unless kept under legal hold.</summary>
    public int DecideErasureWithinDays => privacy.Value.DecideErasureWithinDays;

    /// <summary>The retention rules, when an admin turned them on; null while records are kept until deleted by hand.</summary>
    public Privacy.RetentionRules? Retention { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Retention = await db.Set<Privacy.RetentionRules>().AsNoTracking().SingleOrDefaultAsync(r => r.EnabledAtUtc != null, cancellationToken);
}
