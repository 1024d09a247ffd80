using System.Threading.Channels;
using Soudan.Web.Data;

namespace Soudan.Web.Features.Intakes;

/// <summary>
/// Group commit for consultations: those that arrive together are stored in one transaction (one
/// flush to disk, one pass of the statistics recorder), and each worker is still answered only once
/// their own consultation is committed. A batch that fails (a submission key taken, a reference
/// taken, the database away) is stored again one by one, so each consultation meets only its own
/// failure and <see cref="IntakeDesk"/> handles it as if it had saved alone.
/// </summary>
public sealed partial class IntakeWriter(IServiceScopeFactory scopes, ILogger<IntakeWriter> logger) : BackgroundService
{
    private const int MaxBatch = 64;

    private readonly Channel<(Intake Intake, TaskCompletionSource Stored)> _queue =
        Channel.CreateUnbounded<(Intake, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private volatile bool _running;

    /// <summary>
    /// Completes once the consultation is committed, or fails with what its own save met; null when
    /// the writer is not running (a command, an app stopping), and the caller stores it itself.
    /// </summary>
    public Task? TryStoreAsync(Intake intake, CancellationToken cancellationToken)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A worker who gives up waiting does not take the consultation back: it is stored, and the
        // same submission key finds it again.
        return _running && _queue.Writer.TryWrite((intake, stored)) ? stored.Task.WaitAsync(cancellationToken) : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running = true;
        var batch = new List<(Intake Intake, TaskCompletionSource Stored)>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await StoreWaitingAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _running = false;
            _queue.Writer.TryComplete();
            await StoreWaitingAsync(batch);   // what was queued before the app stopped is still stored
        }
    }

    private async Task StoreWaitingAsync(List<(Intake Intake, TaskCompletionSource Stored)> batch)
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

            if (batch.Count > 1 && await TrySaveAsync(batch) is null)
            {
                batch.ForEach(b => b.Stored.TrySetResult());
                continue;
            }

            foreach (var item in batch)
            {
                if (await TrySaveAsync([item]) is { } failure)
                {
                    LogFailed(logger, failure);
                    item.Stored.TrySetException(failure);
                }
                else
                {
                    item.Stored.TrySetResult();
                }
            }
        }
    }

    /// <returns>Null once stored; otherwise what the save threw (nothing of it was committed).</returns>
    private async Task<Exception?> TrySaveAsync(IReadOnlyList<(Intake Intake, TaskCompletionSource Stored)> items)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
            db.Intakes.AddRange(items.Select(i => i.Intake));
            await db.SaveChangesAsync(CancellationToken.None);
            return null;
        }
#pragma warning disable CA1031 // The failure goes to the waiting request, which answers for it; the writer goes on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return exception;   // EF has discarded the keys the rolled-back inserts were given
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A consultation could not be stored; its request answers for it")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
