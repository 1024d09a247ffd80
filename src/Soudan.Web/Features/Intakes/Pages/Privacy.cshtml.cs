using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Privacy;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Intakes.Pages;

/// <summary>The privacy notice (APPI) the consultation form asks consent to, in the reader's language, with its version.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class PrivacyModel(SoudanDbContext db, PrivacyNotice notice) : PageModel
{
    public IReadOnlyList<NoticeBlock> Blocks { get; private set; } = [];

    public int Version { get; private set; }

    public DateTime VersionSinceUtc { get; private set; }

    public bool HasEarlierVersions { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var retention = await db.Set<RetentionRules>().AsNoTracking().SingleOrDefaultAsync(r => r.EnabledAtUtc != null, cancellationToken);
        Blocks = notice.Blocks(retention);
        (Version, VersionSinceUtc) = await notice.CurrentAsync(cancellationToken);
        HasEarlierVersions = await db.Set<PrivacyNoticeVersion>().AnyAsync(v => v.Id != Version, cancellationToken);
    }
}

/// <summary>Every version of the privacy notice, so that what a worker agreed to stays readable.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class PrivacyVersionsModel(SoudanDbContext db, PrivacyNotice notice) : PageModel
{
    public IReadOnlyList<(int Number, DateTime PublishedAtUtc)> Versions { get; private set; } = [];

    public int Current { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        (Current, _) = await notice.CurrentAsync(cancellationToken);
        Versions = [.. (await db.Set<PrivacyNoticeVersion>().AsNoTracking().OrderByDescending(v => v.Id).Select(v => new { v.Id, v.PublishedAtUtc }).ToListAsync(cancellationToken)).Select(v => (v.Id, v.PublishedAtUtc))];
    }
}

/// <summary>One version of the privacy notice as it was worded, in the reader's language (English when it had none).</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class PrivacyVersionModel(SoudanDbContext db, PrivacyNotice notice) : PageModel
{
    public PrivacyNoticeVersion Version { get; private set; } = null!;

    public IReadOnlyList<NoticeBlock> Blocks { get; private set; } = [];

    /// <summary>The language the blocks are in, when not the reader's.</summary>
    public PublicLanguage? ShownIn { get; private set; }

    public int Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(int number, CancellationToken cancellationToken)
    {
        if (await db.Set<PrivacyNoticeVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == number, cancellationToken) is not { } version)
        {
            return NotFound();
        }

        (Current, _) = await notice.CurrentAsync(cancellationToken);
        Version = version;
        if (version.In(PublicLanguages.Current.Code) is { } blocks)
        {
            Blocks = blocks;
        }
        else
        {
            (Blocks, ShownIn) = (version.In(PublicLanguages.English.Code) ?? [], PublicLanguages.English);
        }

        return Page();
    }
}
