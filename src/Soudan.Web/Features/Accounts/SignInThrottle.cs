using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Accounts;

/// <summary>
/// Failed sign-ins counted under one key: an account from one address, an account from anywhere,
/// or an address whatever the account. The key is an HMAC, so the table names no address and no
/// account to someone holding a copy of the database.
/// </summary>
public sealed class SignInThrottleCounter
{
    public required string Key { get; init; }

    public int Failures { get; init; }

    public DateTime? LastFailureAtUtc { get; init; }

    /// <summary>For an account and address: when the account last signed in from there.</summary>
    public DateTime? LastSuccessAtUtc { get; init; }

    public DateTime UpdatedAtUtc { get; init; }
}

internal sealed class SignInThrottleCounterConfiguration : IEntityTypeConfiguration<SignInThrottleCounter>
{
    public void Configure(EntityTypeBuilder<SignInThrottleCounter> builder)
    {
        builder.ToTable("SignInThrottles");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(64);
        builder.HasIndex(c => c.UpdatedAtUtc);
    }
}

/// <summary>The keys one sign-in attempt is counted under.</summary>
public sealed record SignInAttemptKeys(string? Pair, string? Account, string Address);

/// <summary>
/// Slows down password, code and recovery-code guessing without letting anyone lock a colleague
/// out, in place of Identity's lockout (five failures locked an account for 15 minutes, at the
/// will of whoever typed its address five times).
/// </summary>
/// <remarks>
/// Each failure counts three times: for the account from this address, for the account from
/// anywhere, and for the address whatever the account. Past a number of free failures, each key
/// waits 1 s after its last failure, then 2 s, 4 s... up to 15 minutes. An attempt while any of
/// its keys waits is answered like a wrong password, without looking at the password, and does
/// not count. An address the account signed in from in the last 30 days is judged by the account
/// and address key alone, so that someone guessing from elsewhere, or from many addresses, does
/// not keep the person out. Failures are forgotten after a quiet day; a sign-in clears those of
/// its account and address. The counters live in the database, shared by every instance.
/// </remarks>
public sealed class SignInThrottle(SoudanDbContext db, KeyEncryptionKey keys, TimeProvider clock)
{
    /// <summary>How many failures a key forgives, and how long it waits after the next ones.</summary>
    private sealed record Rule(int FreeFailures, TimeSpan MaxDelay)
    {
        public TimeSpan DelayAfter(int failures) =>
            failures < FreeFailures ? TimeSpan.Zero
            : failures - FreeFailures >= 20 ? MaxDelay
            : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - FreeFailures), MaxDelay.TotalSeconds));
    }

    private static readonly Rule AccountFromAddress = new(5, TimeSpan.FromMinutes(15));

    // Looser: an office router may carry a whole hotline day's volunteers, and a password sprayed
    // over many accounts, or one account tried from many addresses, must still slow down.
    private static readonly Rule AccountAnywhere = new(20, TimeSpan.FromMinutes(15));
    private static readonly Rule AddressAnyAccount = new(20, TimeSpan.FromMinutes(15));

    private static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);
    private static readonly TimeSpan KnownAddressFor = TimeSpan.FromDays(30);

    private readonly byte[] _key = keys.Derive("sign-in-throttle");

    /// <summary>
    /// The keys of an attempt on <paramref name="normalizedEmail"/> (Identity's normalized form;
    /// null when the account is not known yet, as before a passkey is read) from <paramref name="address"/>.
    /// An address that does not exist keys the same as one that does, so the counting tells nothing.
    /// </summary>
    public SignInAttemptKeys KeysFor(string? normalizedEmail, IPAddress? address)
    {
        var network = Network(address);
        return new SignInAttemptKeys(
            normalizedEmail is null ? null : Hash("p", "account and address", normalizedEmail + "\n" + network),
            normalizedEmail is null ? null : Hash("u", "account", normalizedEmail),
            Hash("n", "address", network));
    }

    /// <summary>Whether the attempt must wait: then it is refused without looking at what was typed.</summary>
    public async Task<bool> IsThrottledAsync(SignInAttemptKeys attempt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var wanted = new[] { attempt.Pair, attempt.Account, attempt.Address }.OfType<string>().ToList();
        var counters = await db.Set<SignInThrottleCounter>().AsNoTracking()
            .Where(c => wanted.Contains(c.Key))
            .ToDictionaryAsync(c => c.Key, cancellationToken);
        var pair = attempt.Pair is null ? null : counters.GetValueOrDefault(attempt.Pair);
        if (Waits(pair, AccountFromAddress, now))
        {
            return true;
        }

        if (pair?.LastSuccessAtUtc > now - KnownAddressFor)
        {
            return false;
        }

        return Waits(attempt.Account is null ? null : counters.GetValueOrDefault(attempt.Account), AccountAnywhere, now)
            || Waits(counters.GetValueOrDefault(attempt.Address), AddressAnyAccount, now);
    }

    /// <summary>A wrong password, code or recovery code (or a refused passkey) under each of the attempt's keys.</summary>
    public async Task RecordFailureAsync(SignInAttemptKeys attempt, CancellationToken cancellationToken)
    {
        foreach (var key in new[] { attempt.Pair, attempt.Account, attempt.Address }.OfType<string>())
        {
            await CountFailureAsync(key, cancellationToken);
        }
    }

    /// <summary>
    /// An attempt refused while it had to wait. It is not counted (the wait would never end), but
    /// its counters are written as a counted failure's are, so that the answer takes as long.
    /// </summary>
    public async Task RecordRefusedUncheckedAsync(SignInAttemptKeys attempt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var key in new[] { attempt.Pair, attempt.Account, attempt.Address }.OfType<string>())
        {
            await db.Set<SignInThrottleCounter>().Where(c => c.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAtUtc, now), cancellationToken);
        }
    }

    /// <summary>A sign-in: the account starts afresh from this address, which it is now known at.</summary>
    public async Task RecordSuccessAsync(SignInAttemptKeys attempt, CancellationToken cancellationToken)
    {
        if (attempt.Pair is not { } key)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var counters = db.Set<SignInThrottleCounter>();
        if (await counters.Where(c => c.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Failures, 0)
                .SetProperty(c => c.LastSuccessAtUtc, now)
                .SetProperty(c => c.UpdatedAtUtc, now), cancellationToken) == 0)
        {
            await TryInsertAsync(new SignInThrottleCounter { Key = key, LastSuccessAtUtc = now, UpdatedAtUtc = now }, cancellationToken);
        }

        // Counters nobody touched for a month say nothing any more.
        var stale = now - KnownAddressFor;
        await counters.Where(c => c.UpdatedAtUtc < stale).ExecuteDeleteAsync(cancellationToken);
    }

    private static bool Waits(SignInThrottleCounter? counter, Rule rule, DateTime now) =>
        counter is { LastFailureAtUtc: { } last } && last > now - ForgetAfter && now < last + rule.DelayAfter(counter.Failures);

    /// <summary>One more failure, counted in the database itself so that instances and requests racing lose none.</summary>
    private async Task CountFailureAsync(string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var forgetBefore = now - ForgetAfter;
        var counters = db.Set<SignInThrottleCounter>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var counted = await counters.Where(c => c.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Failures, c => c.LastFailureAtUtc == null || c.LastFailureAtUtc < forgetBefore ? 1 : c.Failures + 1)
                .SetProperty(c => c.LastFailureAtUtc, now)
                .SetProperty(c => c.UpdatedAtUtc, now), cancellationToken);
            if (counted > 0 || await TryInsertAsync(new SignInThrottleCounter { Key = key, Failures = 1, LastFailureAtUtc = now, UpdatedAtUtc = now }, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Adds a counter; false when another request added it first (then it is counted by updating).</summary>
    private async Task<bool> TryInsertAsync(SignInThrottleCounter counter, CancellationToken cancellationToken)
    {
        var entry = db.Set<SignInThrottleCounter>().Add(counter);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// An IPv4 address, or the /64 network of an IPv6 one: a single machine is given a whole /64
    /// and could otherwise change its address at every attempt.
    /// </summary>
    private static string Network(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private string Hash(string prefix, string kind, string value) =>
        prefix + ":" + WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(kind + "\n" + value)));
}
