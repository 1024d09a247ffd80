using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Accounts;

public sealed record NewStaffAccount(
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    string? Password = null,
    string? StaffLanguage = null,
    DateTime? AccessExpiresAtUtc = null);

/// <summary>What creating an account gave: the account, or the reasons it could not be made.</summary>
public sealed record StaffAccountResult(StaffUser? User, IReadOnlyList<IdentityError> Errors)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Creates staff accounts. The command line, the first-admin link and the staff page all come
/// here, so an account is made the same way, with the same checks, whoever makes it.
/// </summary>
public sealed class StaffAccounts(
    SoudanDbContext db,
    StaffUserManager users,
    AuditLog audit,
    IdentityErrorDescriber errors,
    TimeProvider clock)
{
    public Task<bool> AnyExistAsync(CancellationToken cancellationToken) => db.Users.AnyAsync(cancellationToken);

    public async Task<StaffAccountResult> CreateAsync(NewStaffAccount account, Guid? createdBy, CancellationToken cancellationToken)
    {
        var email = account.Email.Trim();
        var unknownRoles = account.Roles.Where(r => StaffRoles.Find(r) is null).ToList();
        if (account.Roles.Count == 0 || unknownRoles.Count > 0)
        {
            return new(null, [((LocalizedIdentityErrors)errors).UnknownRole()]);
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return new(null, [errors.DuplicateEmail(email)]);
        }

        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(account.DisplayName) ? email.Split('@')[0] : account.DisplayName.Trim(),
            StaffLanguage = StaffLanguages.Find(account.StaffLanguage)?.Code ?? StaffLanguages.Default.Code,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            AccessExpiresAtUtc = account.AccessExpiresAtUtc,
        };

        // Part of the caller's transaction when there is one (the first-admin link uses itself up in it).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var created = account.Password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, account.Password);
        if (!created.Succeeded)
        {
            return new(null, created.Errors.ToList());
        }

        var addedRoles = await users.AddToRolesAsync(user, account.Roles.Select(r => StaffRoles.Find(r)!).Distinct());
        if (!addedRoles.Succeeded)
        {
            return new(null, addedRoles.Errors.ToList());
        }

        await audit.RecordAsync(AuditActions.AccountCreated, createdBy, "staff", user.Id.ToString(), cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new(user, []);
    }
}
