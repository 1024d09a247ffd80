namespace Soudan.Web.Infrastructure.Hosting;

/// <summary>
/// What the person starting Soudan must hear although it may start (a development key beside the
/// data): said on standard error and in the log once the app serves.
/// </summary>
public sealed partial class StartupWarnings
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages => _messages;

    public void Add(string message) => _messages.Add(message);

    /// <summary>The one list of a builder, made on first use.</summary>
    public static StartupWarnings From(WebApplicationBuilder builder)
    {
        if (builder.Host.Properties.TryGetValue(typeof(StartupWarnings), out var known))
        {
            return (StartupWarnings)known;
        }

        var warnings = new StartupWarnings();
        builder.Host.Properties[typeof(StartupWarnings)] = warnings;
        builder.Services.AddSingleton(warnings);
        return warnings;
    }

    public async Task AnnounceAsync(ILogger logger)
    {
        foreach (var message in _messages)
        {
            await Console.Error.WriteLineAsync("WARNING: " + message);
            LogWarning(logger, message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);
}
