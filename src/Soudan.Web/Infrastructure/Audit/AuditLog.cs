using System.Security.Claims;
using Soudan.Web.Data;

namespace Soudan.Web.Infrastructure.Audit;

/// <summary>
/// Writes audit events. Call it in the same unit of work as the change it records. Each line keeps
/// the address the request came from (the proxy's client address where a proxy is trusted), which
/// only admins see.
/// </summary>
public sealed class AuditLog(SoudanDbContext db, TimeProvider clock, AuditWriter writer, IHttpContextAccessor http)
{
    /// <summary>Adds an event to the context; it is saved with the caller's next SaveChanges.</summary>
    public void Add(string action, Guid? actorId, string? targetType = null, string? targetId = null) =>
        db.AuditEvents.Add(Line(action, actorId, targetType, targetId));

    /// <summary>
    /// A worker's own act (deleting their consultation): no actor, and no address, which would be
    /// personal data kept about the very person who asked to be forgotten.
    /// </summary>
    public void AddByWorker(string action, string targetType, string targetId) =>
        db.AuditEvents.Add(Line(action, null, targetType, targetId, withAddress: false));

    /// <summary>
    /// Records a line now and returns once it is stored. A line that stands alone goes through the
    /// <see cref="AuditWriter"/> with other requests' lines; one that comes with unsaved changes or
    /// inside a transaction is saved with them.
    /// </summary>
    public async Task RecordAsync(string action, Guid? actorId, string? targetType = null, string? targetId = null, CancellationToken cancellationToken = default)
    {
        // Inside a transaction the line belongs to it (and another connection would wait on its lock).
        if (db.Database.CurrentTransaction is null && !db.ChangeTracker.HasChanges()
            && writer.TryWriteAsync(Line(action, actorId, targetType, targetId), cancellationToken) is { } written)
        {
            await written;
            return;
        }

        Add(action, actorId, targetType, targetId);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The address of the request being served; null on the command line.</summary>
    public static string? AddressOf(HttpContext? context) =>
        context?.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : null;

    private AuditEvent Line(string action, Guid? actorId, string? targetType, string? targetId, bool withAddress = true) => new()
    {
        AtUtc = clock.GetUtcNow().UtcDateTime,
        ActorId = actorId,
        Action = action,
        TargetType = targetType,
        TargetId = targetId,
        Address = withAddress ? AddressOf(http.HttpContext) : null,
    };

    public static Guid? ActorOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
