using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;

namespace Soudan.Tests.Data;

/// <summary>Each provider's migrations build exactly the model the code describes (bitwarden's check).</summary>
public abstract class MigrationsTests(SoudanApp app)
{
    [Fact]
    public async Task The_migrations_match_the_model_and_are_all_applied()
    {
        var (pendingChanges, pending, applied, all) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            return (
                db.Database.HasPendingModelChanges(),
                (await db.Database.GetPendingMigrationsAsync()).ToList(),
                (await db.Database.GetAppliedMigrationsAsync()).ToList(),
                db.Database.GetMigrations().ToList());
        });

        Assert.False(pendingChanges, "the model changed without a migration: run scripts/add-migration NAME");
        Assert.Empty(pending);
        Assert.Equal(all, applied);
        Assert.NotEmpty(all);
    }

    [Fact]
    public async Task The_app_runs_on_the_provider_it_was_configured_for()
    {
        var provider = await app.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<SoudanDbContext>().Database.ProviderName));

        Assert.Equal(app.Database == TestDatabase.Postgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", provider);
    }
}

[Collection(OnSqlite.Name)]
public sealed class MigrationsTestsOnSqlite(SqliteAppFixture fixture) : MigrationsTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class MigrationsTestsOnPostgres(PostgresAppFixture fixture) : MigrationsTests(fixture.App);
