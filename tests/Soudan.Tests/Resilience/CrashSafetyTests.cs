using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Soudan.Tests.CommandLine;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Intakes;
using Xunit.Abstractions;

namespace Soudan.Tests.Resilience;

/// <summary>
/// A worker who was shown a reference number must be able to rely on it: the app is killed
/// (SIGKILL, no shutdown) while thousands of consultations arrive, and after a restart every
/// acknowledged one is there once, whole, and counted.
/// </summary>
public abstract class CrashSafetyTests(TestDatabase database, ITestOutputHelper output)
{
    private const int Clients = 24;
    private const int MostSubmissions = 5_000;

    /// <summary>Kill once this many were acknowledged, so the crash falls in the middle of the flood.</summary>
    private const int KillAfterAcknowledged = 2_000;

    [Fact]
    public async Task Every_consultation_acknowledged_before_a_kill_is_there_after_the_restart_once_and_whole()
    {
        await using var store = await ProcessDatabase.CreateAsync(database);
        store.Environment["RateLimiting__Enabled"] = "false";
        var acknowledged = new ConcurrentDictionary<int, string>();
        var sent = 0;
        int killedAfter;

        await using (var app = await SoudanProcess.ServeAsync(store.Environment))
        {
            using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
            using var killed = new CancellationTokenSource();
            var flood = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
            {
                int number;
                while (!killed.IsCancellationRequested && (number = Interlocked.Increment(ref sent)) <= MostSubmissions)
                {
                    try
                    {
                        using var response = await client.SendAsync(Submission(number), killed.Token);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged[number] = (await response.Content.ReadFromJsonAsync<IntakeReceipt>(killed.Token))!.Reference;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                    {
                        // In flight when the app died: never acknowledged, so the worker would send it again.
                    }
                }
            })).ToArray();

            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (acknowledged.Count < KillAfterAcknowledged && waited.Elapsed < TimeSpan.FromSeconds(60) && !flood.All(t => t.IsCompleted))
            {
                await Task.Delay(10);
            }

            await app.KillAsync();
            killedAfter = acknowledged.Count;
            await killed.CancelAsync();
            await Task.WhenAll(flood);
            Assert.True(killedAfter >= KillAfterAcknowledged, $"only {killedAfter} acknowledged before the kill:\n{app.Output}");
        }

        var attempted = Math.Min(Volatile.Read(ref sent), MostSubmissions);
        Assert.True(attempted > acknowledged.Count, "the kill came after the last submission, not in the middle");

        await using (var restarted = await SoudanProcess.ServeAsync(store.Environment))
        {
            var stored = await StoredAsync(store);
            foreach (var (number, reference) in acknowledged)
            {
                Assert.True(stored.TryGetValue(Name(number), out var rows), $"acknowledged {reference} ({Name(number)}) is missing");
                var row = Assert.Single(rows);
                Assert.Equal(reference, row.Reference);
                Assert.True(row.StoryKept, $"{reference} lost its story");
                Assert.True(row.Counted, $"{reference} is not counted in the statistics");
            }

            Assert.All(stored, named => Assert.Single(named.Value));

            // Each worker whose phone got no answer sends again with the same key; those that were
            // acknowledged get their own reference back, and nothing is stored twice.
            using var client = new HttpClient { BaseAddress = restarted.Address, Timeout = TimeSpan.FromSeconds(30) };
            var again = new ConcurrentDictionary<int, string>();
            await Parallel.ForAsync(1, attempted + 1, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (number, cancel) =>
            {
                using var response = await client.SendAsync(Submission(number), cancel);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                again[number] = (await response.Content.ReadFromJsonAsync<IntakeReceipt>(cancel))!.Reference;
            });

            Assert.All(acknowledged, pair => Assert.Equal(pair.Value, again[pair.Key]));
            var afterRetries = await StoredAsync(store);
            output.WriteLine($"{database}: {attempted} sent, {acknowledged.Count} acknowledged ({killedAfter} when the kill was sent), {stored.Count} stored after the restart, {afterRetries.Count} after every one was sent again");
            Assert.Equal(attempted, afterRetries.Count);
            Assert.All(afterRetries, named => Assert.True(named.Value.Count == 1 && named.Value[0].StoryKept && named.Value[0].Counted, named.Key));

            // And the restarted app opens an acknowledged consultation's follow-up page.
            var (firstNumber, firstReference) = acknowledged.MinBy(pair => pair.Key);
            using var followUp = await client.SendAsync(Submission(firstNumber));
            var link = (await followUp.Content.ReadFromJsonAsync<IntakeReceipt>())!.FollowUpUrl;
            var page = await client.GetStringAsync(link);
            Assert.Contains(firstReference, page, StringComparison.Ordinal);
        }
    }

    private static string Name(int number) => $"Crash worker {number}";

    /// <summary>The same consultation each time for a number, with the key a phone would keep for its retries.</summary>
    private static HttpRequestMessage Submission(int number)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/intakes")
        {
            Content = JsonContent.Create(SoudanApp.SampleIntake() with { Name = Name(number), Description = $"Story {number}: pinauwi kami nang walang bayad." }),
        };
        request.Headers.Add("Idempotency-Key", $"crash-safety-key-{number:D6}");
        return request;
    }

    private sealed record StoredIntake(string Reference, bool StoryKept, bool Counted);

    /// <summary>Every stored consultation by name, read straight from the database.</summary>
    private static async Task<Dictionary<string, List<StoredIntake>>> StoredAsync(ProcessDatabase store)
    {
        await using var connection = await store.OpenAsync();
        await using var command = connection.CreateCommand();
        // A consultation's row of figures is keyed by a token of its reference, with a key derived from
        // the key-encryption key (StatisticsTokens): the test holds that key, as the app does.
        var key = System.Security.Cryptography.HKDF.DeriveKey(System.Security.Cryptography.HashAlgorithmName.SHA256,
            Convert.FromBase64String(store.Environment["Soudan__KeyEncryptionKey"]!), 32, info: System.Text.Encoding.UTF8.GetBytes("soudan:statistics-sources"));
        string Token(string reference) => Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes("intake:" + reference)))[..32];
        var counted = new HashSet<string>(StringComparer.Ordinal);
        command.CommandText = """SELECT "SourceKey" FROM "StatisticsFact" WHERE "SourceKey" IS NOT NULL""";
        await using (DbDataReader keys = await command.ExecuteReaderAsync())
        {
            while (await keys.ReadAsync())
            {
                counted.Add(keys.GetString(0));
            }
        }

        command.CommandText = """SELECT i."Name", i."Reference", i."StoryProtected" IS NOT NULL FROM "Intakes" i""";
        var stored = new Dictionary<string, List<StoredIntake>>(StringComparer.Ordinal);
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(0);
            if (!stored.TryGetValue(name, out var rows))
            {
                stored[name] = rows = [];
            }

            rows.Add(new StoredIntake(reader.GetString(1), reader.GetBoolean(2), counted.Contains(Token(reader.GetString(1)))));
        }

        return stored;
    }
}

public sealed class CrashSafetyTestsOnSqlite(ITestOutputHelper output) : CrashSafetyTests(TestDatabase.Sqlite, output);

public sealed class CrashSafetyTestsOnPostgres(ITestOutputHelper output) : CrashSafetyTests(TestDatabase.Postgres, output);
