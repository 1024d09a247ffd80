using Soudan.Web.Data;

namespace Soudan.Web.Features.Intakes;

/// <summary>
/// Group commit for consultations (one pass of the statistics recorder for the batch, too). A batch
/// that fails (a submission key taken, a reference taken, the database away) is stored again one by
/// one, so each consultation meets only its own failure and <see cref="IntakeDesk"/> handles it as if
/// it had saved alone.
/// </summary>
public sealed partial class IntakeWriter(IServiceScopeFactory scopes, ILogger<IntakeWriter> logger) : GroupCommitWriter<Intake>(MaxBatch)
{
    private const int MaxBatch = 64;

    /// <inheritdoc cref="GroupCommitWriter{T}.TryEnqueueAsync"/>
    public Task? TryStoreAsync(Intake intake, CancellationToken cancellationToken) => TryEnqueueAsync(intake, cancellationToken);

    protected override async Task SaveAsync(IReadOnlyList<(Intake Item, TaskCompletionSource Saved)> batch)
    {
        if (batch.Count > 1 && await TrySaveAsync(batch) is null)
        {
            foreach (var (_, saved) in batch)
            {
                saved.TrySetResult();
            }

            return;
        }

        foreach (var item in batch)
        {
            if (await TrySaveAsync([item]) is { } failure)
            {
                LogFailed(logger, failure);
                item.Saved.TrySetException(failure);
            }
            else
            {
                item.Saved.TrySetResult();
            }
        }
    }

    /// <returns>Null once stored; otherwise what the save threw (nothing of it was committed).</returns>
    private async Task<Exception?> TrySaveAsync(IReadOnlyList<(Intake Item, TaskCompletionSource Saved)> items)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
            db.Intakes.AddRange(items.Select(i => i.Item));
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
