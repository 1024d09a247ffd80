using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Data;

/// <summary>Which database Soudan runs on: <c>Database__Provider</c> = <c>sqlite</c> (default) or <c>postgres</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStart)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:Soudan";
    public const string MigrateOnStartKey = "Database:MigrateOnStart";

    /// <summary>Reads the settings, failing with a message that names the setting to fix.</summary>
    public static DatabaseSettings From(IConfiguration configuration, SoudanPaths paths)
    {
        var provider = configuration[ProviderKey]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            var other => throw new StartupException(
                $"Database__Provider is '{other}': set it to 'sqlite' (the default) or 'postgres'."),
        };
        var connectionString = configuration[ConnectionStringKey];
        var migrateOnStart = configuration.GetValue(MigrateOnStartKey, true);

        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new StartupException(
                    "Database__Provider=postgres needs ConnectionStrings__Soudan, e.g. 'Host=db;Database=soudan;Username=soudan;Password=...'.");
            }

            NpgsqlConnectionStringBuilder postgres;
            try
            {
                postgres = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException e)
            {
                throw new StartupException($"ConnectionStrings__Soudan is not a valid PostgreSQL connection string: {e.Message}");
            }

            // A page runs the same dozen statements each time: prepared once per connection, the server
            // no longer parses and plans them on every request. An operator's own setting wins (0 turns
            // it off, e.g. behind a pooler that cannot keep prepared statements).
            var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
            if (!given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
            {
                postgres.MaxAutoPrepare = 64;
                postgres.AutoPrepareMinUsages = 2;
            }

            return new(provider, postgres.ConnectionString, migrateOnStart);
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(paths.DataDirectory, "soudan.db"),
                DefaultTimeout = 30,
            }.ToString();
        }

        return new(provider, connectionString, migrateOnStart);
    }
}

public static class DatabaseSetup
{
    /// <remarks>Contexts are pooled: a request borrows one instead of building it (a measurable share of a small request).</remarks>
    public static WebApplicationBuilder AddSoudanDatabase(this WebApplicationBuilder builder)
    {
        var settings = DatabaseSettings.From(builder.Configuration, SoudanPaths.From(builder));
        builder.Services.AddSingleton(settings);

        if (settings.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContextPool<SoudanDbContext, PostgresSoudanDbContext>((services, o) => o
                .UseNpgsql(settings.ConnectionString)
                // What tells of a person's situation is encrypted before every save and read back on load,
                // before the statistics recorder reads it.
                .AddInterceptors(ProtectedFields.Instance, services.GetRequiredService<Features.Statistics.StatisticsRecorder>()));
        }
        else
        {
            SqliteFiles.MakePrivate(settings.ConnectionString);
            builder.Services.AddDbContextPool<SoudanDbContext, SqliteSoudanDbContext>((services, o) => o
                .UseSqlite(settings.ConnectionString)
                .AddInterceptors(SqliteConnectionPragmas.Instance, ProtectedFields.Instance, services.GetRequiredService<Features.Statistics.StatisticsRecorder>()));
        }

        builder.Services.AddHealthChecks().AddDbContextCheck<SoudanDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// Applies pending migrations (each provider has its own set). EF Core takes a lock while it
    /// migrates, so several instances starting at once do not race.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<SoudanDbContext>>();
        try
        {
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers and one writer work at once; it is a property of the file, set once.
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await db.Database.CloseConnectionAsync();
            }

            await db.Database.MigrateAsync(cancellationToken);
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
            DatabaseLog.Migrated(logger, settings.Provider, applied);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new StartupException(Describe(settings, e), e);
        }
    }

    private static string Describe(DatabaseSettings settings, Exception e)
    {
        var reason = (e.InnerException ?? e).Message.ReplaceLineEndings(" ");
        return settings.Provider == DatabaseProvider.Postgres
            ? $"Cannot reach the PostgreSQL database of ConnectionStrings__Soudan: {reason}"
            : $"Cannot open the SQLite database (set Soudan__DataDirectory or ConnectionStrings__Soudan): {reason}";
    }
}

/// <summary>
/// The SQLite database file is readable by the app's own user only (0600). The file is made so
/// before SQLite first opens it; SQLite gives its write-ahead log and shared-memory files the
/// database file's permissions.
/// </summary>
internal static class SqliteFiles
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void MakePrivate(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            if (!File.Exists(file))
            {
                // An empty file is a new database to SQLite.
                using var created = new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Private });
            }

            foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" }.Where(File.Exists))
            {
                if (File.GetUnixFileMode(path) != Private)
                {
                    File.SetUnixFileMode(path, Private);
                }
            }
        }
        catch (IOException) when (File.Exists(file))
        {
            // Created a moment ago by another process starting at the same time.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Cannot create the SQLite database (set Soudan__DataDirectory or ConnectionStrings__Soudan): {e.Message}", e);
        }
    }
}

/// <summary>
/// Per-connection SQLite settings. synchronous=FULL: a consultation acknowledged to a worker must
/// survive a power cut, not only a crash of the process.
/// </summary>
internal sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    public static SqliteConnectionPragmas Instance { get; } = new();

    // secure_delete: what is deleted is overwritten with zeros, so an erased worker is not left in free pages.
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

internal static partial class DatabaseLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready on {Provider}, with {Count} migrations")]
    public static partial void Migrated(ILogger logger, DatabaseProvider provider, int count);
}
