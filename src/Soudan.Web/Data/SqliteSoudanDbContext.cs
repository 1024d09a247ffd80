using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Soudan.Web.Data;

/// <summary>The embedded default. Its migrations live in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteSoudanDbContext(DbContextOptions<SqliteSoudanDbContext> options) : SoudanDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps no DateTimeKind: every instant is written in UTC and must come back as UTC (as Jellyfin does).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
