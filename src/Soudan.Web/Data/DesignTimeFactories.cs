using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Soudan.Web.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build each provider's context without starting the app
/// (scripts/add-migration runs it for both). No database is contacted.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSoudanDbContext>
{
    public SqliteSoudanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSoudanDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .UseApplicationServiceProvider(DesignTimeServices.Identity)
            .Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSoudanDbContext>
{
    public PostgresSoudanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSoudanDbContext>()
            .UseNpgsql("Host=localhost;Database=soudan_design_time")
            .UseApplicationServiceProvider(DesignTimeServices.Identity)
            .Options);
}

/// <summary>Identity reads its table shapes from the application's services: give it the app's settings.</summary>
internal static class DesignTimeServices
{
    public static IServiceProvider Identity { get; } = new ServiceCollection()
        .Configure<IdentityOptions>(o => SoudanDbContext.ConfigureIdentityStore(o.Stores))
        .BuildServiceProvider();
}
