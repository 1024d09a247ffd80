using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QRCoder;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Accounts.Pages;

/// <summary>
/// Setting up an authenticator app (TOTP). Reachable before a second factor is set up; the rest of
/// the staff area is not, for any role.
/// </summary>
[Authorize(Policy = StaffPolicies.SignedIn)]
public sealed class TwoFactorModel(
    StaffUserManager users,
    StaffSignInManager signIn,
    AuditLog audit,
    IOptions<SoudanOptions> options,
    IStringLocalizer<StaffText> S) : PageModel
{
    private const int RecoveryCodeCount = 10;

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public string SharedKey { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        var code = new string(Input.Code.Where(char.IsAsciiDigit).ToArray());
        if (!ModelState.IsValid || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            if (ModelState.IsValid)
            {
                ModelState.AddModelError("Input.Code", S["That code did not work. Enter the newest code the app shows; each code works once."]);
            }

            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
        await audit.RecordAsync(AuditActions.TwoFactorEnabled, user.Id, "staff", user.Id.ToString(), cancellationToken);

        // The person just proved the second factor: this session counts as a two-factor sign-in.
        await signIn.SignInWithSecondFactorAsync(user);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostNewRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled || !StaffSignInManager.PassedSecondFactor(User))
        {
            return RedirectToPage();
        }

        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
        await audit.RecordAsync(AuditActions.RecoveryCodesRenewed, user.Id, "staff", user.Id.ToString(), cancellationToken);
        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(StaffUser user)
    {
        Enabled = user.TwoFactorEnabled;
        Required = !Enabled && !StaffSignInManager.PassedSecondFactor(User);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = FormatKey(key!);
        var issuer = options.Value.OrganisationName;
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6");
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(5));
    }

    /// <summary>Groups of four, lower case: easier to type than one long string.</summary>
    private static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return result.ToString().TrimEnd().ToLowerInvariant();
    }
}
