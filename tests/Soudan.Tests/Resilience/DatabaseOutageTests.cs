using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Soudan.Tests.Features.Intakes;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;

namespace Soudan.Tests.Resilience;

/// <summary>
/// The database goes away (PostgreSQL stops taking connections) or cannot grow (SQLite's disk is
/// full) while a worker is filling in the form: she is told to try again shortly in her language,
/// keeps everything she typed, and the app carries on by itself when the database is back.
/// </summary>
public sealed class DatabaseOutageTests
{
    private const string Story = "Walang sahod mula Abril. Pinauwi kami ng ahensya.";

    [Fact]
    public async Task When_PostgreSQL_stops_the_form_keeps_what_was_typed_and_the_app_recovers_when_it_returns()
    {
        await using var app = await SoudanApp.StartAsync(TestDatabase.Postgres);
        using var worker = app.CreatePageClient("tl");
        var form = await worker.GetPageAsync("/tl/consult");

        await AllowConnectionsAsync(app.PostgresDatabase!, false);
        HttpResponseMessage refused;
        try
        {
            refused = await worker.SubmitAsync(form, "/tl/consult", ConsultFormTests.Filled(Story));
            var ready = await worker.GetAsync("/readyz");
            var guide = await worker.GetAsync("/tl/guides/no-such-guide");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, guide.StatusCode);
            Assert.Equal("tl", (await PageClient.ParseAsync(guide)).DocumentElement.GetAttribute("lang"));
        }
        finally
        {
            await AllowConnectionsAsync(app.PostgresDatabase!, true);
        }

        var kept = await PageClient.ParseAsync(refused);
        AssertKeptAndToldToTryAgain(refused, kept);

        await WaitUntilReadyAsync(worker);
        var sent = await worker.SubmitAsync(kept, "/tl/consult", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.NotNull((await PageClient.ParseAsync(sent)).QuerySelector(".reference"));
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.CountAsync()));
    }

    [Fact]
    public async Task When_the_SQLite_disk_is_full_the_form_keeps_what_was_typed_and_the_app_carries_on_once_there_is_room()
    {
        await using var disk = await SmallDisk.MountAsync();
        await using var app = await SoudanApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Soudan:DataDirectory"] = disk.Path });
        using var worker = app.CreatePageClient("tl");
        using var api = app.CreateClient();
        var form = await worker.GetPageAsync("/tl/consult");

        await disk.FillAsync(Path.Combine(disk.Path, "soudan.db"));
        var refused = await worker.SubmitAsync(form, "/tl/consult", ConsultFormTests.Filled(Story));
        var problem = await api.PostAsJsonAsync("/api/v1/intakes", SoudanApp.SampleIntake());
        var home = await worker.GetAsync("/tl/");   // reading needs no room
        disk.Empty();

        var kept = await PageClient.ParseAsync(refused);
        AssertKeptAndToldToTryAgain(refused, kept);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        var sent = await worker.SubmitAsync(kept, "/tl/consult", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.NotNull((await PageClient.ParseAsync(sent)).QuerySelector(".reference"));
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.CountAsync()));
    }

    /// <summary>503 in Tagalog, with the story, the name and the consent still in the form, and the same submission key.</summary>
    private static void AssertKeptAndToldToTryAgain(HttpResponseMessage response, IHtmlDocument page)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("tl", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Walang nawala sa isinulat ninyo", page.QuerySelector(".error-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(Story, ((IHtmlTextAreaElement)page.QuerySelector("textarea[name='Input.Description']")!).Value);
        Assert.Equal("Ana", ((IHtmlInputElement)page.QuerySelector("input[name='Input.Name']")!).Value);
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name='Input.Consent'][type=checkbox]")!).IsChecked);
        Assert.False(string.IsNullOrEmpty(((IHtmlInputElement)page.QuerySelector("input[name=SubmissionKey]")!).Value));
    }

    private static async Task WaitUntilReadyAsync(PageClient client)
    {
        var waited = Stopwatch.StartNew();
        while ((await client.GetAsync("/readyz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the app did not recover within 30 s of the database's return");
            await Task.Delay(200);
        }
    }

    /// <summary>As a stopped server looks to the app: no new connection, and the open ones cut.</summary>
    private static async Task AllowConnectionsAsync(string database, bool allow)
    {
        await using var connection = new NpgsqlConnection(SoudanApp.PostgresServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"ALTER DATABASE {database} WITH ALLOW_CONNECTIONS {allow}; " +
            (allow ? "" : $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}';"),
            connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A 64 MB tmpfs of its own, so that filling it fills nothing else (mounting needs root).</summary>
    private sealed class SmallDisk : IAsyncDisposable
    {
        private readonly List<string> _fillers = [];

        private SmallDisk(string path) => Path = path;

        public string Path { get; }

        public static async Task<SmallDisk> MountAsync()
        {
            var path = Directory.CreateTempSubdirectory("soudan-small-disk-").FullName;
            var mounted = await RunAsync("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", path);
            Assert.True(mounted.ExitCode == 0, $"could not mount a small tmpfs for the disk-full test (it needs root or sudo): {mounted.Error}");
            return new SmallDisk(path);
        }

        /// <summary>Empties the write-ahead log into the database, then takes every byte left.</summary>
        public async Task FillAsync(string database)
        {
            await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await checkpoint.ExecuteNonQueryAsync();
            }

            foreach (var chunk in new[] { 1 << 20, 4096, 512 })
            {
                var filler = System.IO.Path.Combine(Path, $"filler-{chunk}");
                _fillers.Add(filler);
                await using var stream = File.Create(filler);
                var bytes = new byte[chunk];
                try
                {
                    while (true)
                    {
                        await stream.WriteAsync(bytes);
                        await stream.FlushAsync();
                    }
                }
                catch (IOException)
                {
                    // the disk is full at this size of write; try a smaller one
                }

                try
                {
                    await stream.DisposeAsync();
                }
                catch (IOException)
                {
                    // what was left unwritten cannot be written: it is not needed
                }
            }
        }

        public void Empty()
        {
            foreach (var filler in _fillers)
            {
                File.Delete(filler);
            }
        }

        public async ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            var unmounted = await RunAsync("umount", "--lazy", Path);
            if (unmounted.ExitCode == 0)
            {
                Directory.Delete(Path);
            }
        }

        private static async Task<(int ExitCode, string Error)> RunAsync(string command, params string[] args)
        {
            var start = new ProcessStartInfo(Environment.UserName == "root" ? command : "sudo") { RedirectStandardError = true, RedirectStandardOutput = true };
            if (Environment.UserName != "root")
            {
                start.ArgumentList.Add("-n");
                start.ArgumentList.Add(command);
            }

            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, error);
        }
    }
}
