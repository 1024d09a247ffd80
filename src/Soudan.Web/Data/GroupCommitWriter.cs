using System.Threading.Channels;

namespace Soudan.Web.Data;

/// <summary>
/// Group commit: what many requests hand over at about the same time is saved in one transaction
/// (one flush to disk), and each request still waits until its own item is committed. Without it,
/// every request is a write of its own, and on SQLite concurrent writers wait on each other's lock.
/// The subclass says how a batch is saved and what a failed one means for each item.
/// </summary>
public abstract class GroupCommitWriter<T>(int maxBatch) : BackgroundService
{
    private readonly Channel<(T Item, TaskCompletionSource Saved)> _queue =
        Channel.CreateUnbounded<(T, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private volatile bool _running;

    /// <summary>
    /// Completes once the item is committed, or fails with what its save met; null when the writer is
    /// not running (a command, an app stopping), and the caller saves the item itself.
    /// </summary>
    protected Task? TryEnqueueAsync(T item, CancellationToken cancellationToken)
    {
        var saved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A request that gives up waiting does not take its item back: it is saved all the same.
        return _running && _queue.Writer.TryWrite((item, saved)) ? saved.Task.WaitAsync(cancellationToken) : null;
    }

    /// <summary>Saves a batch and completes (or fails) each item's <c>Saved</c>.</summary>
    protected abstract Task SaveAsync(IReadOnlyList<(T Item, TaskCompletionSource Saved)> batch);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running = true;
        var batch = new List<(T Item, TaskCompletionSource Saved)>(maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await SaveWaitingAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _running = false;
            _queue.Writer.TryComplete();
            await SaveWaitingAsync(batch);   // what was queued before the app stopped is still saved
        }
    }

    private async Task SaveWaitingAsync(List<(T Item, TaskCompletionSource Saved)> batch)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < maxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count == 0)
            {
                return;
            }

            await SaveAsync(batch);
        }
    }
}
