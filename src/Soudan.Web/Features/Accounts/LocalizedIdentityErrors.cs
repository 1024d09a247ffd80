using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Accounts;

/// <summary>Identity's messages (password too short, address taken...) in the staff member's language.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<StaffText> S) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), S["Something went wrong. Please try again."]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), S["The current password is not right."]);

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), S["This link or code no longer works."]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), S["Enter an e-mail address like name@example.org."]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), S["Enter an e-mail address like name@example.org."]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), S["A staff account with this e-mail address already exists."]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateEmail), S["A staff account with this e-mail address already exists."]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), S["The password must have at least {0} characters.", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), S["The password must use at least {0} different characters.", uniqueChars]);

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), S["Something went wrong. Please try again."]);

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), S["That recovery code did not work. Check it, or ask an admin to reset your two-factor sign-in."]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), S["Someone else changed this account at the same time. Reload the page and try again."]);

    /// <summary>Not one of Identity's: a role that does not exist, or none chosen.</summary>
    public IdentityError UnknownRole() => Error("UnknownRole", S["Choose at least one role of: {0}.", string.Join(", ", StaffRoles.All)]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
