using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Npgsql;
using Soudan.Tests.Infrastructure;

namespace Soudan.Tests.CommandLine;

/// <summary>
/// A data directory and, on PostgreSQL, a database of its own, for the app run as a process; with
/// the environment that points the app at them, and a connection beside the app for checking.
/// </summary>
public sealed class ProcessDatabase : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("soudan-process-").FullName;
    private string? _postgresDatabase;

    private ProcessDatabase(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    /// <summary>The settings an operator would give the app, as environment variables.</summary>
    public Dictionary<string, string?> Environment { get; } = [];

    public string DataDirectory => _dataDirectory;

    public static async Task<ProcessDatabase> CreateAsync(TestDatabase database)
    {
        var created = new ProcessDatabase(database);
        created.Environment["Soudan__DataDirectory"] = created._dataDirectory;
        created.Environment["Soudan__KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        created.Environment["Soudan__AuditKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        if (database == TestDatabase.Postgres)
        {
            created._postgresDatabase = "soudan_process_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            await using var connection = new NpgsqlConnection(SoudanApp.PostgresServer);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {created._postgresDatabase}", connection);
            await create.ExecuteNonQueryAsync();
            created.Environment["Database__Provider"] = "postgres";
            created.Environment["ConnectionStrings__Soudan"] = new NpgsqlConnectionStringBuilder(SoudanApp.PostgresServer) { Database = created._postgresDatabase }.ToString();
        }

        return created;
    }

    /// <summary>An open connection to the app's database, beside the app (or after it died).</summary>
    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Database == TestDatabase.Postgres
            ? new NpgsqlConnection(Environment["ConnectionStrings__Soudan"])
            : new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "soudan.db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresDatabase is not null)
        {
            await using var connection = new NpgsqlConnection(SoudanApp.PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }
}
