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
            MakePrivateDirectory(directory);
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

    /// <summary>Whether <paramref name="path"/> is the data directory or inside it.</summary>
    public bool Contains(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var root = Path.TrimEndingDirectorySeparator(DataDirectory);
        return full.Equals(root, StringComparison.Ordinal) || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>Only the app's own user may list or open what the data directory holds (0700), as a new directory or one already there.</summary>
    private static void MakePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(directory, Private);
        if (File.GetUnixFileMode(directory) != Private)
        {
            File.SetUnixFileMode(directory, Private);
        }
    }
}
