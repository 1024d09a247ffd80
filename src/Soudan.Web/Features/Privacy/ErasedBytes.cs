using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Data;

namespace Soudan.Web.Features.Privacy;

public enum ErasureKind
{
    /// <summary>A worker deleted their consultation.</summary>
    Consultation = 0,

    /// <summary>A case's personal data.</summary>
    Case = 1,

    /// <summary>One worker of a collective case.</summary>
    Worker = 2,

    /// <summary>Records of provision or receipt kept their three years after the case was erased.</summary>
    ThirdPartyRecords = 3,
}

/// <summary>
/// That something was erased, and when its old bytes were cleared from the database files: a count,
/// never what or whose.
/// </summary>
public sealed class ErasureRecord
{
    public long Id { get; private set; }

    public required ErasureKind Kind { get; init; }

    public required DateTime AtUtc { get; init; }

    /// <summary>When the old row versions left the files (PostgreSQL: the next <see cref="ErasureJob"/> run).</summary>
    public DateTime? BytesClearedAtUtc { get; set; }
}

internal sealed class ErasureRecordConfiguration : IEntityTypeConfiguration<ErasureRecord>
{
    public void Configure(EntityTypeBuilder<ErasureRecord> builder)
    {
        builder.ToTable("Erasures");
        builder.HasIndex(e => e.BytesClearedAtUtc);
    }
}

/// <summary>
/// Deleting a row is not enough: its bytes stay in the file until overwritten. SQLite runs with
/// <c>secure_delete</c> (freed space is zeroed; see <c>SqliteConnectionPragmas</c>), and after an
/// erasure the write-ahead log, which still holds the old pages, is checkpointed and truncated.
/// PostgreSQL keeps old row versions until a <c>VACUUM FULL</c> rewrites the tables, which
/// <see cref="ErasureJob"/> runs after erasures.
/// </summary>
public sealed class ErasedBytes(SoudanDbContext db, TimeProvider clock)
{
    /// <summary>The tables that hold a name, a contact or a worker's words, rewritten on PostgreSQL after an erasure.</summary>
    private static readonly Type[] Personal =
    [
        typeof(Intakes.Intake), typeof(Intakes.IntakeMessage), typeof(People.Person), typeof(Cases.CaseWorker),
        typeof(Cases.Case), typeof(Cases.CaseEntry), typeof(Cases.CaseDocument), typeof(Cases.CaseDocumentContent),
        typeof(Cases.CaseCalculation), typeof(Cases.CaseTask), typeof(Cases.CaseReferral), typeof(Search.CaseSearchEntry),
        typeof(Employers.Employer), typeof(Statistics.StatisticsFact), typeof(Statistics.StatisticsFactValue), typeof(Statistics.StatisticsTally),
        typeof(ThirdPartyRecord),
    ];

    /// <summary>Adds the record to the caller's next save.</summary>
    public void Record(ErasureKind kind) => db.Add(new ErasureRecord { Kind = kind, AtUtc = clock.GetUtcNow().UtcDateTime });

    /// <summary>After the erasure is committed: on SQLite, the old pages leave the write-ahead log.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            return;
        }

        // A reader still on an older snapshot can keep the log from being emptied now; the next
        // checkpoint, or the last connection closing, empties it then.
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
    }

    /// <summary>Whether an erasure's old bytes may still be in the files.</summary>
    public Task<bool> PendingAsync(CancellationToken cancellationToken) =>
        db.Set<ErasureRecord>().AnyAsync(e => e.BytesClearedAtUtc == null, cancellationToken);

    /// <summary>
    /// After erasures (and the statistics counted again without them): SQLite empties its log;
    /// PostgreSQL rewrites the personal tables so that the old row versions leave the files (an
    /// exclusive lock on each table for the moment it takes; the old files are cut to nothing at
    /// once and unlinked at the next checkpoint). Returns how many erasures it cleared.
    /// </summary>
    public async Task<int> ClearAsync(CancellationToken cancellationToken)
    {
        var pending = await db.Set<ErasureRecord>().Where(e => e.BytesClearedAtUtc == null).Select(e => e.Id).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        if (!db.Database.IsNpgsql())
        {
            await FlushAsync(cancellationToken);
        }

        foreach (var type in db.Database.IsNpgsql() ? Personal : [])
        {
            var entity = db.Model.FindEntityType(type)!;
            var table = entity.GetTableName()!;
            var schema = entity.GetSchema();
            var name = schema is null ? $"\"{table}\"" : $"\"{schema}\".\"{table}\"";
#pragma warning disable EF1002 // names from the model, never from input
            await db.Database.ExecuteSqlRawAsync($"VACUUM FULL {name};", cancellationToken);
#pragma warning restore EF1002
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<ErasureRecord>().Where(e => pending.Contains(e.Id))
            .ExecuteUpdateAsync(e => e.SetProperty(r => r.BytesClearedAtUtc, now), cancellationToken);
    }
}
