using Microsoft.EntityFrameworkCore;
using Soudan.LaborLaw.MinimumWages;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Web.Features.Calculators;

/// <summary>What loading a revision did: refused with reasons, refused for a decrease not confirmed, or loaded.</summary>
public sealed record MinimumWageImport(IReadOnlyList<string> Errors, IReadOnlyList<MinimumWageDecrease> Decreases, int Loaded)
{
    public bool Succeeded => Loaded > 0;
}

/// <summary>
/// The regional minimum wages the calculators use: the revision compiled into Soudan.LaborLaw
/// (FY2023-FY2025, with sources) with every revision an admin loaded laid on top in order. Kept in
/// memory; another instance's new revision is seen within <see cref="CheckEvery"/>.
/// </summary>
public sealed class MinimumWageRates(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot _snapshot = new(MinimumWageTable.Seed, 0, DateTimeOffset.MinValue);

    public async Task<MinimumWageTable> CurrentAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (clock.GetUtcNow() - snapshot.CheckedAt < CheckEvery)
        {
            return snapshot.Table;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (clock.GetUtcNow() - _snapshot.CheckedAt < CheckEvery)
            {
                return _snapshot.Table;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
            var newest = await db.Set<MinimumWageRevision>().MaxAsync(r => (int?)r.Id, cancellationToken) ?? 0;
            var table = newest == _snapshot.NewestRevision ? _snapshot.Table : await BuildAsync(db, cancellationToken);
            _snapshot = new Snapshot(table, newest, clock.GetUtcNow());
            return table;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Checks a revision and, when it is whole (and any decrease confirmed), stores it and uses it at once.</summary>
    public async Task<MinimumWageImport> ImportAsync(string csv, string fileName, Guid? adminId, bool confirmDecrease, CancellationToken cancellationToken)
    {
        if (csv.Length > MinimumWageRevision.MaxCsvLength)
        {
            return new MinimumWageImport([$"The file is larger than {MinimumWageRevision.MaxCsvLength / 1024} KB."], [], 0);
        }

        var parsed = MinimumWageCsv.Parse(new StringReader(csv));
        if (parsed.Errors.Count > 0)
        {
            return new MinimumWageImport(parsed.Errors, [], 0);
        }

        var decreases = MinimumWageCsv.Decreases(await CurrentAsync(cancellationToken), parsed.Rates);
        if (decreases.Count > 0 && !confirmDecrease)
        {
            return new MinimumWageImport([], decreases, 0);
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
            var revision = new MinimumWageRevision
            {
                LoadedAtUtc = clock.GetUtcNow().UtcDateTime,
                LoadedById = adminId,
                FileName = fileName.Length > 200 ? fileName[..200] : fileName,
                Csv = csv,
                RateCount = parsed.Rates.Count,
                DecreaseConfirmed = decreases.Count > 0,
            };
            db.Add(revision);
            await db.SaveChangesAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditActions.MinimumWagesImported, adminId, "minimum-wage-revision", revision.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        _snapshot = _snapshot with { CheckedAt = DateTimeOffset.MinValue };
        return new MinimumWageImport([], decreases, parsed.Rates.Count);
    }

    private static async Task<MinimumWageTable> BuildAsync(SoudanDbContext db, CancellationToken cancellationToken)
    {
        var table = MinimumWageTable.Seed;
        var revisions = await db.Set<MinimumWageRevision>().AsNoTracking().OrderBy(r => r.Id).Select(r => r.Csv).ToListAsync(cancellationToken);
        foreach (var csv in revisions)
        {
            // Checked when loaded; a revision that no longer reads (never expected) is skipped rather than stopping the calculators.
            var parsed = MinimumWageCsv.Parse(new StringReader(csv));
            if (parsed.Errors.Count == 0)
            {
                table = MinimumWageCsv.Merge(table, parsed.Rates);
            }
        }

        return table;
    }

    public void Dispose() => _loading.Dispose();

    private sealed record Snapshot(MinimumWageTable Table, int NewestRevision, DateTimeOffset CheckedAt);
}
