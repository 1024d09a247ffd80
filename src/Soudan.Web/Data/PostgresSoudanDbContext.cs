using Microsoft.EntityFrameworkCore;

namespace Soudan.Web.Data;

/// <summary>Production. Its migrations live in <c>Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresSoudanDbContext(DbContextOptions<PostgresSoudanDbContext> options) : SoudanDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Substring search in any script (SQLite uses an FTS5 trigram table instead).
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Features.Search.CaseSearchEntry>().HasIndex(e => e.Text).HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.Entity<Features.Search.CaseSearchEntry>().HasIndex(e => e.Names).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
