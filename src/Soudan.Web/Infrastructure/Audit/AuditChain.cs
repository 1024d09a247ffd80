using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Infrastructure.Audit;

/// <summary>What <c>audit verify</c> found.</summary>
public sealed record AuditVerification(long Sealed, long Unsealed, long? FirstBrokenSequence, string? HeadHash)
{
    public bool Intact => FirstBrokenSequence is null;
}

/// <summary>
/// Chains the audit log so that a changed, removed or inserted line shows. Events are written
/// unsealed (a page view costs one insert, no lock); this seals them in order a few seconds later:
/// each gets the next sequence number and HMAC(previous hash, event). The HMAC key is derived from
/// the key-encryption key, which is not in the database, so someone holding only the database can
/// change a line but cannot forge the chain after it. Triggers (see the AuditChain migration) refuse
/// DELETE and any UPDATE of a sealed line.
/// </summary>
public sealed class AuditChain(SoudanDbContext db, KeyEncryptionKey keys)
{
    private const int Batch = 1_000;

    /// <summary>An arbitrary constant: the PostgreSQL advisory lock that lets one instance seal at a time.</summary>
    private const long SealLock = 0x50_75_64_61_6E_41_75;

    private readonly byte[] _key = keys.Derive("audit-chain");

    /// <summary>Seals waiting events, oldest first, up to <paramref name="max"/>; returns how many.</summary>
    public async Task<int> SealAsync(int max, CancellationToken cancellationToken)
    {
        var sealedCount = 0;
        while (sealedCount < max)
        {
            // SQLite transactions begin IMMEDIATE (one writer); PostgreSQL takes the advisory lock.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SealLock})", cancellationToken);
            }

            var head = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence != null).OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
            var waiting = await db.AuditEvents.Where(e => e.Sequence == null).OrderBy(e => e.Id)
                .Take(Math.Min(Batch, max - sealedCount)).ToListAsync(cancellationToken);
            if (waiting.Count == 0)
            {
                break;
            }

            var (sequence, previous) = (head?.Sequence ?? 0, head?.Hash ?? "");
            foreach (var e in waiting)
            {
                sequence++;
                previous = HashOf(previous, sequence, e);
                e.Seal(sequence, previous);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            sealedCount += waiting.Count;
        }

        return sealedCount;
    }

    /// <summary>Seals what waits, then recomputes the whole chain in order.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await SealAsync(int.MaxValue, cancellationToken);
        var (expected, previous, count) = (1L, "", 0L);
        long? broken = null;
        while (broken is null)
        {
            var from = expected;
            var page = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence >= from).OrderBy(e => e.Sequence)
                .Take(Batch * 10).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var e in page)
            {
                // A missing number is a removed line; a wrong hash, a changed one (or one after it moved).
                if (e.Sequence != expected || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(previous, expected, e)), Encoding.ASCII.GetBytes(e.Hash ?? "")))
                {
                    broken = expected;
                    break;
                }

                previous = e.Hash!;
                expected++;
                count++;
            }
        }

        var unsealed = await db.AuditEvents.LongCountAsync(e => e.Sequence == null, cancellationToken);
        return new AuditVerification(count, unsealed, broken, previous.Length == 0 ? null : previous);
    }

    private string HashOf(string previous, long sequence, AuditEvent e)
    {
        var line = string.Join('\u001f',
            previous,
            sequence.ToString(CultureInfo.InvariantCulture),
            e.Id.ToString(CultureInfo.InvariantCulture),
            e.AtUtc.Ticks.ToString(CultureInfo.InvariantCulture),
            e.ActorId?.ToString() ?? "",
            e.Action,
            e.TargetType ?? "",
            e.TargetId ?? "");
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(line)));
    }
}

/// <summary>Seals the audit log every few seconds on every instance (they take turns).</summary>
public sealed partial class AuditSealer(IServiceScopeFactory scopes, ILogger<AuditSealer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AuditChain>().SealAsync(10_000, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A database that is away for a while must not stop the app; the next tick retries.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogSealFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not seal the audit log; will try again")]
    private static partial void LogSealFailed(ILogger logger, Exception exception);
}
