using Microsoft.EntityFrameworkCore;

namespace Soudan.Web.Features.Privacy;

/// <summary>
/// Every hour, on every instance: runs the retention rules once a day (<see cref="Retention"/>),
/// erases the cases whose worker asked to be deleted when the
/// counselor's time to decide has run out (never one under legal hold), counts the statistics
/// again without what was erased, then clears the erased bytes from the files (<see cref="ErasedBytes"/>). Two instances racing on one case: the
/// case's version lets only one save, and the other skips it.
/// </summary>
public sealed partial class ErasureJob(IServiceScopeFactory scopes, Statistics.StatisticsSummarizer statistics, TimeProvider clock, ILogger<ErasureJob> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>One run at a time in this instance: the hourly one and one asked for (a test, the command line) wait for each other.</summary>
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>One run: what it erased and how many erasures' bytes it cleared.</summary>
    public async Task<(int CasesErased, int BytesCleared)> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            return await RunAsync(cancellationToken);
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<(int CasesErased, int BytesCleared)> RunAsync(CancellationToken cancellationToken)
    {
        var erased = 0;
        await using (var scope = scopes.CreateAsyncScope())
        {
            foreach (var caseId in await scope.ServiceProvider.GetRequiredService<CaseErasure>().DueAsync(cancellationToken))
            {
                await using var one = scopes.CreateAsyncScope();
                try
                {
                    erased += await one.ServiceProvider.GetRequiredService<CaseErasure>().EraseAsync(caseId, null, null, cancellationToken) ? 1 : 0;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Another instance, or the counselor, got there first: it is decided.
                }
            }
        }

        // Records of provision and receipt outlive an erased case by law (three years), then go.
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CaseErasure>().EraseExpiredThirdPartyRecordsAsync(cancellationToken);
        }

        // The retention rules, once a day across instances, once an admin turned them on.
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<Retention>().RunTodayAsync(cancellationToken) is { DryRun: false } run)
            {
                LogRetention(logger, run.Consultations, run.Calls, run.Cases, run.KeptUnderHold);
            }
        }

        await using var clearing = scopes.CreateAsyncScope();
        var bytes = clearing.ServiceProvider.GetRequiredService<ErasedBytes>();
        var cleared = 0;
        if (await bytes.PendingAsync(cancellationToken))
        {
            // The monthly counts are made again without what was erased (a tag can name someone), then the files are cleared.
            if (await SummarizeAsync(cancellationToken))
            {
                cleared = await bytes.ClearAsync(cancellationToken);
            }
        }
        if (erased + cleared > 0)
        {
            LogRun(logger, erased, cleared);
        }

        return (erased, cleared);
    }

    /// <summary>The summarizer, or another instance's, may be counting the same month: it tries again a few times.</summary>
    private async Task<bool> SummarizeAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await statistics.SummarizeAsync(TimeSpan.Zero, cancellationToken);
                return true;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
            catch (DbUpdateException)
            {
                return false;   // the next run clears the bytes
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A database away for a while must not stop the app; the next hour retries.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure: {Cases} cases erased when their time to decide ran out; the bytes of {Cleared} erasures cleared from the files")]
    private static partial void LogRun(ILogger logger, int cases, int cleared);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Consultations} consultations, {Calls} calls and {Cases} cases erased by the rules; {Held} kept under legal hold")]
    private static partial void LogRetention(ILogger logger, int consultations, int calls, int cases, int held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The erasure job failed; it runs again within the hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
