using System.CommandLine;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;

namespace Soudan.Web.Infrastructure.Hosting;

/// <summary>
/// <c>dotnet run --project src/Soudan.Web -- COMMAND</c>: the same app, configuration and database,
/// doing one job and exiting. Without a command (or with only <c>--urls</c> and other settings) the
/// app serves.
/// </summary>
public static class SoudanCommandLine
{
    private static readonly HashSet<string> HelpWords = new(["-h", "--help", "-?", "help", "--version"], StringComparer.Ordinal);

    /// <summary>A first argument that is a word, not a setting such as <c>--urls</c> or <c>Key=Value</c>.</summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (HelpWords.Contains(args[0]) || (!args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal)));

    public static async Task<int> InvokeAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Soudan: multilingual labor-consultation hotlines. Run without a command to serve.");
        root.Subcommands.Add(MigrateCommand(services));
        root.Subcommands.Add(AccountsCommands.Create(services));
        root.Subcommands.Add(Audit.AuditCommands.Create(services));
        root.Subcommands.Add(Features.Cases.DemoData.Create(services));
        root.Subcommands.Add(Security.KeyRotation.Command(services));
        root.Subcommands.Add(Features.Calculators.MinimumWageCommands.Create(services));
        root.Subcommands.Add(Features.Privacy.RetentionCommands.Create(services));

        var parsed = root.Parse(args.Where(a => a != "help").ToArray());
        if (args is ["help"])
        {
            parsed = root.Parse(["--help"]);
        }

        return await parsed.InvokeAsync(cancellationToken: cancellationToken);
    }

    private static Command MigrateCommand(IServiceProvider services)
    {
        var command = new Command("migrate", "Apply the database migrations and exit.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await services.MigrateDatabaseAsync(cancellationToken);
            var provider = services.GetRequiredService<DatabaseSettings>().Provider;
            await Console.Out.WriteLineAsync($"The {provider} database is up to date.");
            return 0;
        });
        return command;
    }
}
