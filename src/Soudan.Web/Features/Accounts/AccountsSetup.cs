using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts.Passwords;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Hosting;

namespace Soudan.Web.Features.Accounts;

public static class AccountsSetup
{
    public static WebApplicationBuilder AddSoudanAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<StaffUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): a long passphrase is easier to
                // remember for a volunteer and harder to guess.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                // No lockout (StaffUserManager says it has none): it let anyone lock anyone out.
                // SignInThrottle slows guessing down instead.
                o.Lockout.AllowedForNewUsers = false;
                o.Tokens.AuthenticatorTokenProvider = TokenOptions.DefaultAuthenticatorProvider;
                SoudanDbContext.ConfigureIdentityStore(o.Stores);
            })
            .AddEntityFrameworkStores<SoudanDbContext>()
            .AddUserManager<StaffUserManager>()
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddPasswordValidator<PasswordRules>()
            .AddDefaultTokenProviders()
            // In place of Identity's own, which accepts a code again and again for two minutes.
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

        services.AddSingleton<CommonPasswords>();
        services.AddScoped<SignInThrottle>();
        services.AddScoped<StaffSignIn>();

        services.AddScoped(sp => (StaffSignInManager)sp.GetRequiredService<SignInManager<StaffUser>>());
        services.AddScoped(sp => (StaffUserManager)sp.GetRequiredService<UserManager<StaffUser>>());

        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // Roles taken away, a deactivated account or a volunteer's last day take effect within a minute.
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The refreshed cookie must still say the person passed a second factor, and when they
            // signed in: a renewal does not lengthen the session.
            o.OnRefreshingPrincipal = context =>
            {
                var kept = context.CurrentPrincipal?.Claims.Where(c => c.Type is "amr" or StaffSessions.SignedInAtClaim).ToList() ?? [];
                if (kept.Count > 0 && context.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    identity.AddClaims(kept.Select(c => new Claim(c.Type, c.Value, c.ValueType)));
                }

                return Task.CompletedTask;
            };
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "soudan.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/staff/sign-in";
            o.LogoutPath = "/staff/sign-out";
            o.AccessDeniedPath = "/staff/access-denied";
            o.ExpireTimeSpan = StaffSessions.MaxLifetime;
            o.SlidingExpiration = false;
            o.Events.OnValidatePrincipal = async context =>
            {
                // Ten hours after signing in, however active: the security stamp's renewals give
                // the cookie a new expiry, but never a new sign-in time.
                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                if (StaffSessions.IsOver(context.Principal!, now))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                try
                {
                    await SecurityStampValidator.ValidatePrincipalAsync(context);
                }
                catch (Exception e) when (WebSetup.IsDatabaseUnavailable(e))
                {
                    // The database is away: whatever the person asked for answers "try again shortly"
                    // (503), and the session is checked again once the database is back.
                }
            };
            o.Events.OnRedirectToLogin = context => ApiOrRedirectAsync(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiOrRedirectAsync(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });
        // Every cookie is named soudan.*: HostCookies gives them the __Host- prefix over HTTPS.
        services.ConfigureExternalCookie(o => o.Cookie.Name = "soudan.external");
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => o.Cookie.Name = "soudan.two-factor");
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => o.Cookie.Name = "soudan.two-factor-remembered");

        StaffPolicies.Add(services.AddAuthorizationBuilder());
        services.AddSingleton<IAuthorizationHandler, TwoFactorRequirement>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TwoFactorAuthorizationResultHandler>();

        services.AddOptions<AccountLinkOptions>().BindConfiguration("Accounts:Links");
        services.AddScoped<AccountLinks>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<TwoFactorReset>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditChain>();
        services.AddScoped<AuditHeadWriter>();
        services.AddOptions<AuditOptions>().BindConfiguration("Audit");
        services.AddHostedService<AuditSealer>();
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(s => s.GetRequiredService<AuditWriter>());
        return builder;
    }

    /// <summary>An API caller gets a status code it can act on, a person a page.</summary>
    private static Task ApiOrRedirectAsync(HttpContext context, string redirectUri, int apiStatus)
    {
        if (context.Request.Path.IsApi())
        {
            context.Response.StatusCode = apiStatus;
            return Task.CompletedTask;
        }

        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
