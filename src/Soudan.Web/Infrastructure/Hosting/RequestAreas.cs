namespace Soudan.Web.Infrastructure.Hosting;

/// <summary>The three areas of the app, told apart by the first segment of the path.</summary>
public static class RequestAreas
{
    /// <summary><c>/api/...</c>: JSON and problem details, no pages, no redirects to sign in.</summary>
    public static bool IsApi(this PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>/staff/...</c>: Japanese or English, the staff member's choice.</summary>
    public static bool IsStaff(this PathString path) => path.StartsWithSegments("/staff", StringComparison.OrdinalIgnoreCase);
}
