using System.Threading.Channels;
using Soudan.Web.Data;

namespace Soudan.Web.Infrastructure.Audit;

/// <summary>
/// Group commit for audit lines that stand alone (a case read, a search): the lines of many requests
/// go into one transaction, and each request still waits until its line is on disk. Without it,
/// every page view is a write of its own, and on SQLite concurrent writers wait on each other's lock.
/// </summary>
public sealed partial class AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> logger) : BackgroundService
{
    private const int MaxBatch = 500;

    private readonly Channel<(AuditEvent Event, TaskCompletionSource Written)> _queue =
        Channel.CreateUnbounded<(AuditEvent, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private volatile bool _running;

    /// <summary>Only while the app serves; commands write their lines themselves.</summary>
    public bool IsRunning => _running;

    public Task WriteAsync(AuditEvent line, CancellationToken cancellationToken)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((line, written)))
        {
            throw new InvalidOperationException("The audit writer has stopped.");
        }

        return written.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running = true;
        var batch = new List<(AuditEvent Event, TaskCompletionSource Written)>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteWaitingAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _running = false;
            _queue.Writer.TryComplete();
            await WriteWaitingAsync(batch);   // what was queued before the app stopped is still written
        }
    }

    private async Task WriteWaitingAsync(List<(AuditEvent Event, TaskCompletionSource Written)> batch)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
                db.AuditEvents.AddRange(batch.Select(b => b.Event));
                await db.SaveChangesAsync(CancellationToken.None);
                batch.ForEach(b => b.Written.TrySetResult());
            }
#pragma warning disable CA1031 // Each waiting request gets the failure; the writer goes on with the next batch.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogFailed(logger, exception, batch.Count);
                batch.ForEach(b => b.Written.TrySetException(exception));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write {Count} audit lines")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count);
}
