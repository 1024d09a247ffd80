using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Web.Data;

/// <summary>
/// The one database of Soudan. It is abstract because each provider has its own subclass
/// (<see cref="SqliteSoudanDbContext"/>, <see cref="PostgresSoudanDbContext"/>) that owns its
/// migrations; the rest of the app only ever asks for <see cref="SoudanDbContext"/>.
/// </summary>
public abstract class SoudanDbContext(DbContextOptions options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AccountLink> AccountLinks => Set<AccountLink>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<Intake> Intakes => Set<Intake>();

    /// <summary>
    /// Identity shapes its tables from these store options, read from the app's services; the
    /// app and the migrations tools (<see cref="SqliteDesignTimeFactory"/>) both use this one setting.
    /// Version 3 adds passkeys.
    /// </summary>
    public static void ConfigureIdentityStore(StoreOptions store)
    {
        store.SchemaVersion = IdentitySchemaVersions.Version3;
        store.MaxLengthForKeys = 128;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SoudanDbContext).Assembly);
    }
}
