using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Soudan.Web.Infrastructure.Hosting;

namespace Soudan.Web.Features.Accounts;

/// <summary>Authorization policy names. Every endpoint without one gets <see cref="Staff"/> (the fallback).</summary>
public static class StaffPolicies
{
    /// <summary>Any staff role, two-factor sign-in done.</summary>
    public const string Staff = "Staff";

    /// <summary>Signed in, second factor or not: only the pages that set up the second factor.</summary>
    public const string SignedIn = "SignedIn";

    public const string ManageStaff = "ManageStaff";

    public const string Consultations = "Consultations";

    public const string Cases = "Cases";

    public const string CallLog = "CallLog";

    /// <summary>Figures without names: the statistics dashboard and its exports.</summary>
    public const string Statistics = "Statistics";

    /// <summary>Hotline sessions, guides and news: coordinators and admins.</summary>
    public const string Coordination = "Coordination";

    public const string Admin = "Admin";

    public static void Add(AuthorizationBuilder authorization)
    {
        var staff = StaffPolicy().Build();
        authorization
            .AddPolicy(Staff, staff)
            .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(ManageStaff, p => StaffPolicy(p).RequireRole(StaffRoles.ManagingStaff))
            .AddPolicy(Consultations, p => StaffPolicy(p).RequireRole(StaffRoles.AnsweringConsultations))
            .AddPolicy(Cases, p => StaffPolicy(p).RequireRole(StaffRoles.WorkingOnCases))
            .AddPolicy(CallLog, p => StaffPolicy(p).RequireRole(StaffRoles.LoggingCalls))
            .AddPolicy(Statistics, p => StaffPolicy(p).RequireRole(StaffRoles.ReadingStatistics))
            .AddPolicy(Coordination, p => StaffPolicy(p).RequireRole(StaffRoles.Admin, StaffRoles.Coordinator))
            .AddPolicy(Admin, p => StaffPolicy(p).RequireRole(StaffRoles.Admin))
            .SetDefaultPolicy(staff)
            .SetFallbackPolicy(staff);
    }

    private static AuthorizationPolicyBuilder StaffPolicy(AuthorizationPolicyBuilder? builder = null) =>
        (builder ?? new AuthorizationPolicyBuilder())
            .RequireAuthenticatedUser()
            .RequireRole(StaffRoles.All)
            .AddRequirements(new TwoFactorRequirement());
}

/// <summary>
/// Met when the person passed a second factor, whatever their roles: an analyst's figures can
/// single someone out too, and one rule leaves no role to forget.
/// </summary>
public sealed class TwoFactorRequirement : AuthorizationHandler<TwoFactorRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorRequirement requirement)
    {
        if (StaffSignInManager.PassedSecondFactor(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Sends a staff member who has not yet passed a second factor to set one up, instead of showing
/// a bare "access denied". API callers get a 403 problem saying the same.
/// </summary>
public sealed class TwoFactorAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    public const string SetupPath = "/staff/account/two-factor";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.ToList();
        if (authorizeResult.Forbidden && failed is [TwoFactorRequirement])
        {
            if (context.Request.Path.IsApi())
            {
                await TypedResults.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Two-factor sign-in is required.",
                    Detail = "Set up two-factor sign-in at " + SetupPath + " and sign in again.",
                }).ExecuteAsync(context);
                return;
            }

            context.Response.Redirect(SetupPath);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
