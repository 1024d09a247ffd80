using Soudan.Web.Infrastructure.Hosting;

namespace Soudan.Web.Features.Accounts;

/// <summary>
/// On a start with no staff account, prints a one-time link to the console (as Jenkins and Ghost do):
/// whoever opens it creates the first admin. There is no default password anywhere.
/// </summary>
public static partial class FirstAdminLink
{
    public static async Task AnnounceIfNoStaffAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        if (await accounts.AnyExistAsync(cancellationToken))
        {
            return;
        }

        var path = await scope.ServiceProvider.GetRequiredService<AccountLinks>().CreateAsync(AccountLinkPurpose.FirstAdmin, null, cancellationToken);
        var url = scope.ServiceProvider.GetRequiredService<PublicAddress>().For(path);
        var lifetime = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AccountLinkOptions>>().Value.FirstAdminLifetime;

        // Written to the console for the person who started the app, never to the logs.
        var rule = new string('=', 78);
        await Console.Out.WriteLineAsync(
            $"{Environment.NewLine}{rule}{Environment.NewLine}" +
            $"Soudan has no staff account yet. Open this one-time link to create the first admin{Environment.NewLine}" +
            $"(valid for {lifetime.TotalHours:0} hours; restart Soudan for a new one):{Environment.NewLine}{Environment.NewLine}" +
            $"    {url}{Environment.NewLine}{rule}{Environment.NewLine}");
        Announced(app.Logger);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No staff account exists: a one-time link to create the first admin was printed to the console")]
    private static partial void Announced(ILogger logger);
}
