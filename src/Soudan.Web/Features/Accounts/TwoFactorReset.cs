using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Web.Features.Accounts;

/// <summary>
/// For someone who lost their phone: turns two-factor sign-in off, forgets the authenticator key,
/// recovery codes and passkeys, and ends their sessions. They set up a second factor again at
/// their next sign-in, before they reach anything else.
/// </summary>
public sealed class TwoFactorReset(StaffUserManager users, AuditLog audit)
{
    public async Task ResetAsync(StaffUser user, Guid? actorId, CancellationToken cancellationToken)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        foreach (var passkey in await users.GetPasskeysAsync(user))
        {
            await users.RemovePasskeyAsync(user, passkey.CredentialId);
        }

        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(AuditActions.TwoFactorReset, actorId, "staff", user.Id.ToString(), cancellationToken);
    }
}
