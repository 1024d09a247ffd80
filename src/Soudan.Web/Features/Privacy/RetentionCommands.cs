using System.CommandLine;

namespace Soudan.Web.Features.Privacy;

/// <summary><c>-- retention run [--dry-run]</c>: the retention rules now, as the daily run applies them, with its report.</summary>
public static class RetentionCommands
{
    public static Command Create(IServiceProvider services)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be erased, erase nothing." };
        var run = new Command("run", "Erase what has been kept longer than the retention rules allow (set by an admin at /staff/retention); never a case under legal hold.");
        run.Options.Add(dryRun);
        run.SetAction(async (parsed, cancellationToken) =>
        {
            // As the app itself would on start, unless the operator migrates apart (Database__MigrateOnStart=false).
            if (services.GetRequiredService<Data.DatabaseSettings>().MigrateOnStart)
            {
                await Data.DatabaseSetup.MigrateDatabaseAsync(services, cancellationToken);
            }

            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(parsed.GetValue(dryRun), actor: null, cancellationToken);
            if (!result.DryRun)
            {
                await scope.ServiceProvider.GetRequiredService<ErasedBytes>().ClearAsync(cancellationToken);
            }

            await Console.Out.WriteLineAsync(
                $"{(result.DryRun ? "Would erase" : "Erased")}: {result.Consultations} consultations, {result.Calls} calls, {result.Cases} cases; {result.KeptUnderHold} kept under legal hold.");
            return 0;
        });

        var retention = new Command("retention", "How long records are kept.");
        retention.Subcommands.Add(run);
        return retention;
    }
}
