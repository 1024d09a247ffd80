using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Guides;

namespace Soudan.Web.Infrastructure.Hosting;

public static class SoudanHost
{
    /// <summary>Runs a command-line command, or migrates the database and serves until stopped.</summary>
    public static async Task<int> RunSoudanAsync(this WebApplication app, string[] args)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        if (SoudanCommandLine.IsCommand(args))
        {
            return await SoudanCommandLine.InvokeAsync(app.Services, args, stopping);
        }

        if (app.Services.GetRequiredService<DatabaseSettings>().MigrateOnStart)
        {
            await app.Services.MigrateDatabaseAsync(stopping);
            if (app.Configuration.GetValue("Guides:SeedOnFirstStart", true))
            {
                await GuideSeed.SeedIfEmptyAsync(app.Services, stopping);
            }
        }

        await app.StartAsync(stopping);
        await app.Services.GetRequiredService<StartupWarnings>().AnnounceAsync(app.Logger);
        await FirstAdminLink.AnnounceIfNoStaffAsync(app, stopping);
        await app.WaitForShutdownAsync();
        return 0;
    }
}
