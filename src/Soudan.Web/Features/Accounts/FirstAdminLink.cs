using Microsoft.Extensions.Options;
using Soudan.Web.Infrastructure.Hosting;

namespace Soudan.Web.Features.Accounts;

/// <summary>
/// On a start with no staff account, a one-time link (as Jenkins and Ghost do): whoever opens it
/// creates the first admin. There is no default password anywhere.
/// </summary>
/// <remarks>
/// The link is a key to the whole app, so it never goes where logs go (standard output is the
/// JSON log stream, and whatever collects it keeps it). A person who started Soudan at a terminal
/// (<c>dotnet run</c>) sees it there, on standard error. Otherwise (a service, a container, output
/// sent to a file) it is written to <see cref="FileName"/> in the data directory, readable by the
/// app's own user only, and the log says where. Only the newest link works: each start makes a
/// new one and the older one stops working; the file goes once the first admin exists.
/// </remarks>
public static partial class FirstAdminLink
{
    public const string FileName = "first-admin-link.txt";

    public static async Task AnnounceIfNoStaffAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var file = PathIn(services.GetRequiredService<SoudanPaths>());
        if (await services.GetRequiredService<StaffAccounts>().AnyExistAsync(cancellationToken))
        {
            Forget(services.GetRequiredService<SoudanPaths>());
            return;
        }

        var path = await services.GetRequiredService<AccountLinks>().CreateAsync(AccountLinkPurpose.FirstAdmin, null, cancellationToken);
        var url = services.GetRequiredService<PublicAddress>().For(path);
        var lifetime = services.GetRequiredService<IOptions<AccountLinkOptions>>().Value.FirstAdminLifetime;
        var text =
            $"Soudan has no staff account yet. Open this one-time link to create the first admin{Environment.NewLine}" +
            $"(valid for {lifetime.TotalHours:0} hours; it works once; restarting Soudan replaces it with a new one):{Environment.NewLine}{Environment.NewLine}" +
            $"    {url}{Environment.NewLine}";

        if (!Console.IsErrorRedirected)
        {
            var rule = new string('=', 78);
            await Console.Error.WriteAsync($"{Environment.NewLine}{rule}{Environment.NewLine}{text}{rule}{Environment.NewLine}{Environment.NewLine}");
            File.Delete(file);
            ShownAtTerminal(app.Logger);
            return;
        }

        // Made anew, so that it is created readable by the app's user only whatever was there.
        File.Delete(file);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var writer = new StreamWriter(file, System.Text.Encoding.UTF8, create))
        {
            await writer.WriteAsync(text.AsMemory(), cancellationToken);
        }

        WrittenToFile(app.Logger, file);
    }

    /// <summary>The file is of no use once the first admin exists.</summary>
    public static void Forget(SoudanPaths paths) => File.Delete(PathIn(paths));

    private static string PathIn(SoudanPaths paths) => Path.Combine(paths.DataDirectory, FileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No staff account exists: a one-time link to create the first admin was shown at the terminal")]
    private static partial void ShownAtTerminal(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No staff account exists: a one-time link to create the first admin was written to {File}, readable by this user only")]
    private static partial void WrittenToFile(ILogger logger, string file);
}
