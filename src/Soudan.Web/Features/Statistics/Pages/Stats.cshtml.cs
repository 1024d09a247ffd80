using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Soudan.Web.Infrastructure.Hosting;

namespace Soudan.Web.Features.Statistics.Pages;

/// <summary>The figures the organisation publishes, in the reader's language, small counts hidden.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class StatsModel(PublicStatistics statistics) : PageModel
{
    public IReadOnlyList<PublicTable> Tables { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Tables = await statistics.TablesAsync(cancellationToken);
}
