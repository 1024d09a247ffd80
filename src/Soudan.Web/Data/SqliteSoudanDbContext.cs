using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Soudan.Web.Data;

/// <summary>The embedded default. Its migrations live in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteSoudanDbContext(DbContextOptions<SqliteSoudanDbContext> options) : SoudanDbContext(options)
{
    /// <summary>
    /// One save at a time per database file in this process. SQLite lets one writer in anyway, and a
    /// writer that finds the file busy sleeps before it tries again: under a flood of consultations,
    /// waiting in line here costs far less than those sleeps (bench/RESULTS.md). A save inside a
    /// transaction the caller opened is not held back: that transaction may already own the file.
    /// </summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var gate = WriteGate();
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (Database.CurrentTransaction is not null)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        var gate = WriteGate();
        gate.Wait();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            gate.Release();
        }
    }

    private SemaphoreSlim WriteGate() => WriteGates.GetOrAdd(Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps no DateTimeKind: every instant is written in UTC and must come back as UTC (as Jellyfin does).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
