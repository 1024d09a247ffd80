using Microsoft.EntityFrameworkCore;

namespace Soudan.Web.Data;

/// <summary>Production. Its migrations live in <c>Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresSoudanDbContext(DbContextOptions<PostgresSoudanDbContext> options) : SoudanDbContext(options);
