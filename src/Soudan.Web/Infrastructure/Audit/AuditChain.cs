using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Infrastructure.Audit;

/// <summary>What <c>audit verify</c> found.</summary>
/// <param name="Sealed">Lines in the chain.</param>
/// <param name="Unsealed">Lines not yet in it.</param>
/// <param name="FirstBrokenSequence">The first line whose hash is wrong or missing.</param>
/// <param name="Head">The chain's last line, signed.</param>
/// <param name="LegacySealed">Lines at the start of the chain sealed with the key derived from the
/// key-encryption key, before the chain had a key of its own.</param>
/// <param name="AnchorProblem">Why the chain, whole as it may be, proves nothing (an anchor it does not pass through, lines only the old key sealed); null when it proves the log.</param>
public sealed record AuditVerification(long Sealed, long Unsealed, long? FirstBrokenSequence, AuditHead? Head, long LegacySealed = 0, string? AnchorProblem = null)
{
    public bool Intact => FirstBrokenSequence is null && AnchorProblem is null;
}

/// <summary>
/// Chains the audit log so that a changed, removed or inserted line shows. Events are written
/// unsealed (a page view costs one insert, no lock); this seals them in order a few seconds later:
/// each gets the next sequence number and HMAC(previous hash, event), with the audit log's own key
/// (<see cref="AuditKey"/>), which is neither in the database nor derived from the key-encryption key.
/// Triggers (see the AuditChain migration) refuse DELETE and any UPDATE of a sealed line.
/// <para>
/// Someone holding the database and the audit key could still rewrite the whole chain. The head
/// (count and last hash, signed with the audit key) is therefore written out every day, outside
/// the database (<see cref="AuditHeadWriter"/>); <c>audit verify --anchor</c> checks the chain still
/// passes through a head written before.
/// </para>
/// </summary>
public sealed class AuditChain(SoudanDbContext db, AuditKey auditKey, KeyEncryptionKey keys)
{
    private const int Batch = 1_000;

    /// <summary>An arbitrary constant: the PostgreSQL advisory lock that lets one instance seal at a time.</summary>
    private const long SealLock = 0x50_75_64_61_6E_41_75;

    private readonly byte[] _key = auditKey.Key;

    /// <summary>The key lines were sealed with before the chain had its own: read, never written.</summary>
    private readonly byte[] _legacyKey = keys.Derive("audit-chain");

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
                previous = HashOf(_key, previous, sequence, e);
                e.Seal(sequence, previous);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            sealedCount += waiting.Count;
        }

        return sealedCount;
    }

    /// <summary>The last sealed line, signed, or null while nothing is sealed.</summary>
    public async Task<AuditHead?> HeadAsync(CancellationToken cancellationToken) =>
        await db.AuditEvents.AsNoTracking().Where(e => e.Sequence != null).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken) is { Sequence: { } sequence, Hash: { } hash }
            ? AuditHead.Of(sequence, hash, _key)
            : null;

    /// <summary>
    /// Seals what waits, then recomputes the whole chain in order; with an <paramref name="anchor"/>
    /// (a head written out earlier), also checks that the chain still passes through it.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken, AuditHead? anchor = null)
    {
        string? anchorProblem = null;
        if (anchor is not null && !anchor.IsSignedWith(_key))
        {
            anchorProblem = "the anchor was not signed with this installation's audit key (Soudan__AuditKey)";
        }

        await SealAsync(int.MaxValue, cancellationToken);
        var (expected, previous, count, legacy) = (1L, "", 0L, 0L);
        var ownKeySeen = false;
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
                // Lines sealed with the old key may only come before any sealed with the chain's own.
                var sealedWithOwnKey = e.Sequence == expected && Matches(_key, previous, expected, e);
                var sealedWithOldKey = !sealedWithOwnKey && !ownKeySeen && e.Sequence == expected && Matches(_legacyKey, previous, expected, e);
                if (!sealedWithOwnKey && !sealedWithOldKey)
                {
                    broken = expected;
                    break;
                }

                ownKeySeen |= sealedWithOwnKey;
                legacy += sealedWithOldKey ? 1 : 0;
                if (anchor is not null && anchorProblem is null && anchor.Sequence == expected && anchor.Hash != e.Hash)
                {
                    anchorProblem = $"line {expected} is not the one the anchor names: the log was rewritten after the anchor was taken";
                }

                previous = e.Hash!;
                expected++;
                count++;
            }
        }

        if (anchor is not null && anchorProblem is null && broken is null && anchor.Sequence > count)
        {
            anchorProblem = $"the anchor names line {anchor.Sequence} but the log ends at line {count}: lines were removed";
        }

        // Whoever holds the key-encryption key can seal lines with the old key: such lines prove
        // something only up to a head written out since (the app writes one a day).
        if (broken is null && anchorProblem is null && legacy > 0 && (anchor is null || anchor.Sequence < legacy))
        {
            anchorProblem = $"the first {legacy} lines were sealed before the log had its own key, with one derived from the key-encryption key, "
                + "which anyone holding that key can forge: give --anchor, a head written out since (in the log or the head file)";
        }

        var unsealed = await db.AuditEvents.LongCountAsync(e => e.Sequence == null, cancellationToken);
        var head = previous.Length == 0 ? null : AuditHead.Of(count, previous, _key);
        return new AuditVerification(count, unsealed, broken, head, legacy, anchorProblem);
    }

    private static bool Matches(byte[] key, string previous, long sequence, AuditEvent e) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(key, previous, sequence, e)), Encoding.ASCII.GetBytes(e.Hash ?? ""));

    private static string HashOf(byte[] key, string previous, long sequence, AuditEvent e)
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
        if (e.Address is { } address)
        {
            // Lines written before addresses were kept hash as they always did.
            line += "\u001f" + address;
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(line)));
    }
}

/// <summary>
/// The head of the audit chain as it is written out: how many lines, the last line's hash, and a
/// signature with the audit key, so that a head cannot be made up later by someone without the key.
/// Written <c>soudan-audit:{count}:{hash}:{signature}</c>.
/// </summary>
public sealed record AuditHead(long Sequence, string Hash, string Signature)
{
    private const string Prefix = "soudan-audit";

    public static AuditHead Of(long sequence, string hash, byte[] key) => new(sequence, hash, SignatureOf(sequence, hash, key));

    public bool IsSignedWith(byte[] key) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SignatureOf(Sequence, Hash, key)), Encoding.ASCII.GetBytes(Signature));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}:{Sequence}:{Hash}:{Signature}");

    public static AuditHead? Parse(string? text)
    {
        var parts = (text ?? "").Trim().Split(':');
        return parts is [Prefix, var count, var hash, var signature]
               && long.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0
               && hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower)
               && signature.Length == 32 && signature.All(char.IsAsciiHexDigitLower)
            ? new AuditHead(sequence, hash, signature)
            : null;
    }

    private static string SignatureOf(long sequence, string hash, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Prefix}-head\u001f{sequence}\u001f{hash}"))).AsSpan(0, 16));
}

/// <summary>Where the daily head of the audit log goes besides the log: <c>Audit__HeadFile</c>, a file outside the data directory.</summary>
public sealed class AuditOptions
{
    /// <summary>A file the day's head is appended to (e.g. on another disk, or synced elsewhere); unset, the log only.</summary>
    public string? HeadFile { get; set; }
}

/// <summary>One row per day the head was written out, so that several instances write it once.</summary>
public sealed class AuditHeadWritten
{
    /// <summary>The day in Japan.</summary>
    public required DateOnly Day { get; init; }

    public required long Sequence { get; init; }

    public required DateTime WrittenAtUtc { get; init; }
}

/// <summary>
/// Writes the audit chain's signed head out of the database once a day: to the log (which an
/// operator ships elsewhere) and, when set, appended to <see cref="AuditOptions.HeadFile"/>.
/// </summary>
public sealed partial class AuditHeadWriter(SoudanDbContext db, AuditChain chain, TimeProvider clock, IOptions<AuditOptions> options, ILogger<AuditHeadWriter> logger)
{
    /// <summary>Writes today's head unless an instance already did; returns it when this call wrote it.</summary>
    public async Task<AuditHead?> WriteTodayAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Time.JapanTime.FromUtc(now));
        if (await db.Set<AuditHeadWritten>().AnyAsync(h => h.Day == today, cancellationToken) || await chain.HeadAsync(cancellationToken) is not { } head)
        {
            return null;
        }

        db.Add(new AuditHeadWritten { Day = today, Sequence = head.Sequence, WrittenAtUtc = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return null;   // another instance wrote today's
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"{today:yyyy-MM-dd} {head}");
        if (options.Value.HeadFile is { Length: > 0 } file)
        {
            await File.AppendAllTextAsync(file, line + "\n", cancellationToken);
        }

        LogHead(logger, line);

        return head;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit log head: {Head} (keep it elsewhere; `audit verify --anchor` checks the log still passes through it)")]
    private static partial void LogHead(ILogger logger, string head);
}

/// <summary>Seals the audit log every few seconds on every instance (they take turns), and writes its head out once a day.</summary>
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
                await scope.ServiceProvider.GetRequiredService<AuditHeadWriter>().WriteTodayAsync(stoppingToken);
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

internal sealed class AuditHeadWrittenConfiguration : IEntityTypeConfiguration<AuditHeadWritten>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<AuditHeadWritten> builder)
    {
        builder.ToTable("AuditHeadsWritten");
        builder.HasKey(h => h.Day);
    }
}
