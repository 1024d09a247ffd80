namespace Soudan.Tests.Infrastructure;

/// <summary>One app on SQLite shared by the tests of the <c>sqlite</c> collection (they use their own data).</summary>
public sealed class SqliteAppFixture : IAsyncLifetime
{
    public SoudanApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await SoudanApp.StartAsync(TestDatabase.Sqlite);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The same on PostgreSQL: every database test runs on both.</summary>
public sealed class PostgresAppFixture : IAsyncLifetime
{
    public SoudanApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await SoudanApp.StartAsync(TestDatabase.Postgres);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class OnSqlite : ICollectionFixture<SqliteAppFixture>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class OnPostgres : ICollectionFixture<PostgresAppFixture>
{
    public const string Name = "postgres";
}
