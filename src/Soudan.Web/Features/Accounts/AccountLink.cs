using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Data;

namespace Soudan.Web.Features.Accounts;

public enum AccountLinkPurpose
{
    /// <summary>Printed on first start while no staff account exists: whoever opens it creates the first admin.</summary>
    FirstAdmin = 1,

    /// <summary>Lets a new or locked-out staff member choose a password.</summary>
    SetPassword = 2,
}

/// <summary>
/// A one-time link to <c>/staff/setup/{token}</c>. Only a hash of the token is stored, so a copy of
/// the database does not hand out accounts.
/// </summary>
public sealed class AccountLink
{
    public long Id { get; private set; }

    public required AccountLinkPurpose Purpose { get; init; }

    public required string TokenHash { get; init; }

    public Guid? UserId { get; init; }

    public required DateTime CreatedAtUtc { get; init; }

    public required DateTime ExpiresAtUtc { get; init; }

    public DateTime? UsedAtUtc { get; private set; }

    public bool IsUsableAt(DateTime nowUtc) => UsedAtUtc is null && ExpiresAtUtc > nowUtc;

    public static string Hash(string token) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

internal sealed class AccountLinkConfiguration : IEntityTypeConfiguration<AccountLink>
{
    public void Configure(EntityTypeBuilder<AccountLink> builder)
    {
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.UserId);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AccountLinkOptions
{
    public TimeSpan FirstAdminLifetime { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan SetPasswordLifetime { get; set; } = TimeSpan.FromDays(3);
}

/// <summary>Creates, finds and uses up one-time account links.</summary>
public sealed class AccountLinks(SoudanDbContext db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<AccountLinkOptions> options)
{
    public const string PathPrefix = "/staff/setup/";

    /// <summary>
    /// Creates a link and returns its path. A new link replaces the older unused ones it would
    /// compete with: the person's set-password links, or any first-admin link (only one such key
    /// to the whole app exists at a time).
    /// </summary>
    public async Task<string> CreateAsync(AccountLinkPurpose purpose, Guid? userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (userId is not null)
        {
            await db.AccountLinks.Where(l => l.UserId == userId && l.UsedAtUtc == null).ExecuteDeleteAsync(cancellationToken);
        }

        if (purpose == AccountLinkPurpose.FirstAdmin)
        {
            await db.AccountLinks.Where(l => l.Purpose == AccountLinkPurpose.FirstAdmin && l.UsedAtUtc == null).ExecuteDeleteAsync(cancellationToken);
        }

        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var lifetime = purpose == AccountLinkPurpose.FirstAdmin ? options.Value.FirstAdminLifetime : options.Value.SetPasswordLifetime;
        db.AccountLinks.Add(new AccountLink
        {
            Purpose = purpose,
            TokenHash = AccountLink.Hash(token),
            UserId = userId,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return PathPrefix + token;
    }

    /// <summary>The link for a token, used or not; null when no such link was ever made.</summary>
    public Task<AccountLink?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return Task.FromResult<AccountLink?>(null);
        }

        var hash = AccountLink.Hash(token);
        return db.AccountLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
    }

    /// <summary>Marks the link used. False when someone else used it first, or it expired meanwhile.</summary>
    public async Task<bool> TryUseAsync(AccountLink link, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var used = await db.AccountLinks
            .Where(l => l.Id == link.Id && l.UsedAtUtc == null && l.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAtUtc, now), cancellationToken);
        return used == 1;
    }
}
