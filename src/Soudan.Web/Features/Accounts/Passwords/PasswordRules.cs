using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Accounts.Passwords;

/// <summary>
/// What NIST SP 800-63B asks of a chosen password beyond its length: not a common or leaked one,
/// and not made of words the context gives away (the person's address and name, the site's name).
/// Identity runs it wherever a password is chosen: first admin, set-password link, changing one's
/// password, <c>users add</c>.
/// </summary>
public sealed class PasswordRules(CommonPasswords common, IOptions<SoudanOptions> options, IStringLocalizer<StaffText> S)
    : IPasswordValidator<StaffUser>
{
    /// <summary>Fewer letters than this left once the context words are taken out is nothing of one's own.</summary>
    private const int OwnLetters = 4;

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (common.Contains(password))
        {
            return RefusedAsync("PasswordCommon", S["This password is in a list of common or leaked passwords. Choose another one, for example a sentence of your own."]);
        }

        return IsMadeOfContextWords(password, user)
            ? RefusedAsync("PasswordContextWords", S["The password must not be made of your e-mail address, your name or the name of this site."])
            : Task.FromResult(IdentityResult.Success);
    }

    private bool IsMadeOfContextWords(string password, StaffUser user)
    {
        var email = user.Email ?? "";
        var words = new[] { email, email.Split('@')[0], user.DisplayName, options.Value.OrganisationName, "soudan", "相談" }
            .Concat(user.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(w => w.Trim().ToLowerInvariant())
            .Where(w => w.Length >= 3)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(w => w.Length);
        var rest = password.ToLowerInvariant();
        var found = false;
        foreach (var word in words)
        {
            if (rest.Contains(word, StringComparison.Ordinal))
            {
                (rest, found) = (rest.Replace(word, " ", StringComparison.Ordinal), true);
            }
        }

        return found && rest.Count(char.IsLetter) < OwnLetters;
    }

    private static Task<IdentityResult> RefusedAsync(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));
}
