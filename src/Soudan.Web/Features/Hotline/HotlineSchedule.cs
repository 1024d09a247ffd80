using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;

namespace Soudan.Web.Features.Hotline;

/// <summary>Which hotline sessions to show: the one on now, the next ones, cancelled ones kept in sight.</summary>
public sealed class HotlineSchedule(SoudanDbContext db, TimeProvider clock)
{
    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    /// <summary>Sessions that have not ended yet, soonest first, cancelled ones included (people must learn of it).</summary>
    public Task<List<HotlineSession>> UpcomingAsync(int count, CancellationToken cancellationToken)
    {
        var now = NowUtc;
        return db.Set<HotlineSession>().AsNoTracking()
            .Where(s => s.EndsAtUtc > now)
            .OrderBy(s => s.StartsAtUtc)
            .Take(count)
            .ToListAsync(cancellationToken);
    }

    public Task<HotlineSession?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Set<HotlineSession>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
}
