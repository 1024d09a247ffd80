using Soudan.Web.Data;

namespace Soudan.Web.Infrastructure.Audit;

/// <summary>
/// Group commit for audit lines that stand alone (a case read, a search): without it, every page
/// view would be a write of its own. A batch that fails fails every line in it.
/// </summary>
public sealed partial class AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> logger) : GroupCommitWriter<AuditEvent>(MaxBatch)
{
    private const int MaxBatch = 500;

    /// <inheritdoc cref="GroupCommitWriter{T}.TryEnqueueAsync"/>
    public Task? TryWriteAsync(AuditEvent line, CancellationToken cancellationToken) => TryEnqueueAsync(line, cancellationToken);

    protected override async Task SaveAsync(IReadOnlyList<(AuditEvent Item, TaskCompletionSource Saved)> batch)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
            db.AuditEvents.AddRange(batch.Select(b => b.Item));
            await db.SaveChangesAsync(CancellationToken.None);
            foreach (var (_, saved) in batch)
            {
                saved.TrySetResult();
            }
        }
#pragma warning disable CA1031 // Each waiting request gets the failure; the writer goes on with the next batch.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception, batch.Count);
            foreach (var (_, saved) in batch)
            {
                saved.TrySetException(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write {Count} audit lines")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count);
}
