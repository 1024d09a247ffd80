using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Accounts.Pages;

[Authorize(Policy = StaffPolicies.SignedIn)]
public sealed partial class PasskeysModel(
    StaffUserManager users,
    StaffSignInManager signIn,
    AuditLog audit,
    ILogger<PasskeysModel> logger,
    IStringLocalizer<StaffText> S) : PageModel
{
    public IReadOnlyList<UserPasskeyInfo> Passkeys { get; private set; } = [];

    [FromQuery]
    public bool Added { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Passkeys = (await users.GetPasskeysAsync(user)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync([FromForm] string? credentialJson, [FromForm] string? name, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        PasskeyAttestationResult? attestation = null;
        if (!string.IsNullOrEmpty(credentialJson) && credentialJson.Length <= 64 * 1024)
        {
            try
            {
                attestation = await signIn.PerformPasskeyAttestationAsync(credentialJson);
            }
            catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or FormatException or ArgumentException)
            {
                AttestationFailed(logger, e.Message);
                attestation = null;
            }
        }

        if (attestation is not { Succeeded: true })
        {
            if (attestation?.Failure is { } failure)
            {
                AttestationFailed(logger, failure.Message);
            }

            ModelState.AddModelError(string.Empty, S["No passkey was added. Try again, or use an authenticator app instead."]);
            Passkeys = (await users.GetPasskeysAsync(user)).ToList();
            return Page();
        }

        var passkey = attestation.Passkey;
        passkey.Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim()[..Math.Min(name.Trim().Length, 60)];
        await users.AddOrUpdatePasskeyAsync(user, passkey);
        await audit.RecordAsync(AuditActions.PasskeyAdded, user.Id, "staff", user.Id.ToString(), cancellationToken);

        // Making a passkey needs the device and its PIN or fingerprint: a second factor, just proven.
        await signIn.SignInWithSecondFactorAsync(user);
        return RedirectToPage(new { added = true });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A passkey was not added: {Reason}")]
    private static partial void AttestationFailed(ILogger logger, string reason);

    public async Task<IActionResult> OnPostRemoveAsync([FromForm] string? id, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!StaffSignInManager.PassedSecondFactor(User))
        {
            // A password alone may not take away someone's second factor.
            return RedirectToPage("TwoFactor");
        }

        byte[] credentialId;
        try
        {
            credentialId = WebEncoders.Base64UrlDecode(id ?? "");
        }
        catch (FormatException)
        {
            return RedirectToPage();
        }

        if ((await users.RemovePasskeyAsync(user, credentialId)).Succeeded)
        {
            await audit.RecordAsync(AuditActions.PasskeyRemoved, user.Id, "staff", user.Id.ToString(), cancellationToken);
        }

        return RedirectToPage();
    }
}
