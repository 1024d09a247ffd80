using System.CommandLine;
using Soudan.Web.Data;

namespace Soudan.Web.Features.Calculators;

/// <summary><c>-- minimum-wages import FILE [--confirm-decrease]</c>: load a new revision of regional minimum wages.</summary>
public static class MinimumWageCommands
{
    public static Command Create(IServiceProvider services)
    {
        var file = new Argument<FileInfo>("file") { Description = "A CSV in the shape of the seed file: prefecture_code,prefecture_ja,prefecture_en,fiscal_year,hourly_yen,effective_from,source" };
        var confirm = new Option<bool>("--confirm-decrease") { Description = "Load it even though it lowers a rate (it never has in Japan: check the file first)." };
        var import = new Command("import", "Check a revision of regional minimum wages and, when it is whole, use it from now on.") { file, confirm };
        import.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"{path.FullName}: no such file.");
                return 1;
            }

            await services.MigrateDatabaseAsync(cancellationToken);
            var csv = await File.ReadAllTextAsync(path.FullName, cancellationToken);
            var result = await services.GetRequiredService<MinimumWageRates>().ImportAsync(csv, path.Name, adminId: null, parsed.GetValue(confirm), cancellationToken);
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync(error);
            }

            foreach (var decrease in result.Decreases)
            {
                await (result.Succeeded ? Console.Out : Console.Error).WriteLineAsync(
                    $"Prefecture {decrease.PrefectureCode}: ¥{decrease.FromYen} → ¥{decrease.ToYen} from {decrease.EffectiveFrom:yyyy-MM-dd} (a decrease).");
            }

            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync(result.Decreases.Count > 0 ? "Not loaded: it lowers a rate. Check the file; load it with --confirm-decrease if that is meant." : "Not loaded.");
                return 1;
            }

            await Console.Out.WriteLineAsync($"Loaded {result.Loaded} rates from {path.Name}.");
            return 0;
        });
        var command = new Command("minimum-wages", "The regional minimum wages the calculators use.");
        command.Subcommands.Add(import);
        return command;
    }
}
