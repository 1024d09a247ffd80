using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Soudan.Web.Data;
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
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                SoudanDbContext.ConfigureIdentityStore(o.Stores);
            })
            .AddEntityFrameworkStores<SoudanDbContext>()
            .AddUserManager<StaffUserManager>()
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders();

        services.AddScoped(sp => (StaffSignInManager)sp.GetRequiredService<SignInManager<StaffUser>>());
        services.AddScoped(sp => (StaffUserManager)sp.GetRequiredService<UserManager<StaffUser>>());

        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // Roles taken away, a deactivated account or a volunteer's last day take effect within a minute.
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The refreshed cookie must still say the person passed a second factor.
            o.OnRefreshingPrincipal = context =>
            {
                var amr = context.CurrentPrincipal?.FindAll("amr").ToList() ?? [];
                if (amr.Count > 0 && context.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    identity.AddClaims(amr.Select(c => new Claim(c.Type, c.Value)));
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
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = async context =>
            {
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
        services.ConfigureExternalCookie(o => o.Cookie.Name = "soudan.external");

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
