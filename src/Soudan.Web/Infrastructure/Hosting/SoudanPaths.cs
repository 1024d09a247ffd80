namespace Soudan.Web.Infrastructure.Hosting;

/// <summary>Where Soudan keeps its files: <c>Soudan__DataDirectory</c>, by default <c>data/</c> beside the app.</summary>
public sealed record SoudanPaths(string DataDirectory)
{
    public const string DataDirectoryKey = "Soudan:DataDirectory";

    public static SoudanPaths From(WebApplicationBuilder builder)
    {
        if (builder.Host.Properties.TryGetValue(typeof(SoudanPaths), out var known))
        {
            return (SoudanPaths)known;
        }

        var configured = builder.Configuration[DataDirectoryKey];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, builder.Environment.ContentRootPath);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Cannot create Soudan__DataDirectory '{directory}': {e.Message}", e);
        }

        var paths = new SoudanPaths(directory);
        builder.Host.Properties[typeof(SoudanPaths)] = paths;
        builder.Services.AddSingleton(paths);
        return paths;
    }
}
