using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.People;

/// <summary>
/// On start, encrypts the residence statuses and card expiry days written in clear before they were
/// treated as sensitive, and empties the old columns. A migration cannot do it: the key is not in
/// the database. Runs until none is left, in pages; a stop half-way is taken up at the next start.
/// </summary>
public sealed partial class ResidenceBackfill(IServiceScopeFactory scopes, ILogger<ResidenceBackfill> logger) : BackgroundService
{
    /// <summary>Shadow properties over the old clear columns; read and emptied here only.</summary>
    public const string LegacyStatus = "LegacyResidenceStatus";

    public const string LegacyCardExpiry = "LegacyResidenceCardExpiresOn";

    private const int Page = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var moved = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
                var sensitive = scope.ServiceProvider.GetRequiredService<SensitiveText>();
                var people = await db.Set<Person>()
                    .Where(p => EF.Property<string?>(p, LegacyStatus) != null || EF.Property<DateOnly?>(p, LegacyCardExpiry) != null)
                    .OrderBy(p => p.Id).Take(Page).ToListAsync(stoppingToken);
                foreach (var person in people)
                {
                    var entry = db.Entry(person);
                    var kept = Residence.Read(sensitive, person.ResidenceProtected);
                    person.ResidenceProtected = new Residence(
                        kept.Status ?? entry.Property<string?>(LegacyStatus).CurrentValue,
                        kept.CardExpiresOn ?? entry.Property<DateOnly?>(LegacyCardExpiry).CurrentValue).Protect(sensitive);
                    entry.Property<string?>(LegacyStatus).CurrentValue = null;
                    entry.Property<DateOnly?>(LegacyCardExpiry).CurrentValue = null;
                }

                var intakes = await db.Intakes.Where(i => EF.Property<string?>(i, LegacyStatus) != null)
                    .OrderBy(i => i.Id).Take(Page).ToListAsync(stoppingToken);
                foreach (var intake in intakes)
                {
                    var entry = db.Entry(intake);
                    intake.ResidenceProtected ??= new Residence(entry.Property<string?>(LegacyStatus).CurrentValue, null).Protect(sensitive);
                    entry.Property<string?>(LegacyStatus).CurrentValue = null;
                }

                await db.SaveChangesAsync(stoppingToken);
                moved += people.Count + intakes.Count;
                if (people.Count < Page && intakes.Count < Page)
                {
                    break;
                }
            }

            if (moved > 0)
            {
                LogEncrypted(logger, moved);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A database away at start must not stop the app; the next start catches up.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted the residence details of {Count} records written in clear")]
    private static partial void LogEncrypted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not encrypt the residence details written in clear")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
