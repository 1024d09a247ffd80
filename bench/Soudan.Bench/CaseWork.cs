using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using OtpNet;

/// <summary>
/// Case management on a large data set: the app's own generator (<c>-- demo-data</c>) fills a fresh
/// database, a counselor signs in (password, then two-factor set up as a person would), and the search
/// box and the case page are loaded. Each search figure stands next to the raw trigram query (FTS5 or
/// pg_trgm) on the same database and terms, measured in the same run.
/// </summary>
internal static partial class CaseWork
{
    /// <summary>What counselors type: names in several scripts, a company, a phone number, a reference, a two-kanji name.</summary>
    private static readonly string[] Queries =
        ["santos", "nguyễn", "श्रेष्ठ", "Бат-Эрдэнэ", "さくら12", "hotel3", "090-0004-2137", "残業代 sunrise", "田中"];

    public static async Task<string> RunAsync(BenchOptions options, string database)
    {
        // A counselors' office, not a crowd: a few people searching and reading cases at once.
        options = options with { Concurrency = options.CaseConcurrency };
        var report = new StringBuilder();
        var environment = await SoudanServer.PrepareAsync(database, options.PostgresServer, options.ReuseCases ? options.Cases.ToString(CultureInfo.InvariantCulture) : null);
        var reused = environment.GetValueOrDefault(SoudanServer.KeptMarker) == "complete";
        var generate = Stopwatch.StartNew();
        if (!reused)
        {
            await SoudanServer.RunCommandAsync(options.AppDirectory, environment, null, "demo-data", "--cases", options.Cases.ToString(CultureInfo.InvariantCulture));
        }

        var generated = generate.Elapsed;
        const string Password = "Bench-Counselor-Password-9!";
        // A new counselor each run: one made by an earlier run on a kept data set has two-factor set up already.
        var email = $"bench-{Guid.NewGuid():N}@example.org";
        await SoudanServer.RunCommandAsync(options.AppDirectory, environment, Password + "\n", "users", "add", "--email", email, "--role", "Counselor");

        await using var server = await SoudanServer.StartAsync(options.AppDirectory, environment);
        var cookies = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, MaxConnectionsPerServer = options.Concurrency })
        {
            BaseAddress = server.BaseAddress,
        };
        await SignInAsync(client, email, Password);
        // Data generated before statistics existed is counted by the app on start: wait for it, unmeasured.
        var counting = Stopwatch.StartNew();
        var facts = await WaitForFactsAsync(environment, options.Cases);
        var countingFacts = counting.Elapsed;
        await WaitForTalliesAsync(environment);
        var tallying = counting.Elapsed - countingFacts;
        var copying = Stopwatch.StartNew();
        var held = await WaitForMemoryAsync(environment, client);
        var copied = copying.Elapsed;

        var hello = await Load.RunAsync("GET /bench/hello", client, options, _ => new HttpRequestMessage(HttpMethod.Get, "/bench/hello"), HttpStatusCode.OK);
        var search = await Load.RunAsync("GET /staff/search (the search box)", client, options,
            n => new HttpRequestMessage(HttpMethod.Get, "/staff/search?q=" + Uri.EscapeDataString(Queries[n % Queries.Length])), HttpStatusCode.OK);
        var random = new Random(7);
        var casePage = await Load.RunAsync("GET /staff/cases/{id} (a case page)", client, options,
            _ => new HttpRequestMessage(HttpMethod.Get, "/staff/cases/" + random.Next(1, options.Cases + 1).ToString(CultureInfo.InvariantCulture)), HttpStatusCode.OK);
        var dashboard = await Load.RunAsync("GET /staff/statistics (dashboard views)", client, options,
            n => new HttpRequestMessage(HttpMethod.Get, "/staff/statistics?" + DashboardViews[n % DashboardViews.Length]), HttpStatusCode.OK);
        var dashboardAlone = new List<double>();
        foreach (var view in DashboardViews)
        {
            dashboardAlone.Add(await SequentialP95Async(() => client.GetAsync("/staff/statistics?" + view)));
        }

        var beyondTallies = new List<double>();
        foreach (var view in ViewsBeyondTallies)
        {
            beyondTallies.Add(await SequentialP95Async(() => client.GetAsync("/staff/statistics?" + view)));
        }

        var peak = server.PeakResidentMegabytes();
        var throughApp = new List<double>();
        foreach (var query in Queries)
        {
            throughApp.Add(await SequentialP95Async(() => client.GetAsync("/staff/search?q=" + Uri.EscapeDataString(query))));
        }

        await server.StopAsync();
        var raw = await RawSearchAsync(environment, options);
        var rawAggregates = await RawAggregatesAsync(environment);

        report.AppendLine(CultureInfo.InvariantCulture, $"### Case management on {options.Cases:N0} generated cases ({database})\n");
        report.AppendLine("| scenario | requests/s | p50 ms | p95 ms | p99 ms | errors | ratio to hello |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var result in new[] { hello, search, casePage, dashboard })
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Name} | {result.PerSecond:F0} | {result.P50:F2} | {result.P95:F2} | {result.P99:F2} | {result.Errors} | {result.PerSecond / hello.PerSecond:F2} |");
        }

        report.AppendLine();
        report.AppendLine("Each query alone, p95 of 20 runs: through the app (the whole search page, signed in, audited), and the raw trigram query on the same database with the app stopped:\n");
        report.AppendLine("| query | app p95 ms | raw p95 ms | raw matches (first 51) |");
        report.AppendLine("| --- | ---: | ---: | ---: |");
        for (var i = 0; i < Queries.Length; i++)
        {
            var rawResult = i < raw.Count ? raw[i] : default;
            report.AppendLine(CultureInfo.InvariantCulture, $"| {Queries[i]} | {throughApp[i]:F2} | {(rawResult.Term is null ? "–" : rawResult.P95.ToString("F2", CultureInfo.InvariantCulture))} | {(rawResult.Term is null ? "–" : rawResult.Matches.ToString(CultureInfo.InvariantCulture))} |");
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Each dashboard view alone, p95 of 20 runs through the app (signed in, the whole page), and the aggregate queries it runs straight on the database with the app stopped ({facts:N0} cases counted; counting the ones made before statistics existed took {countingFacts.TotalSeconds:F0} s at start, tallying every month {tallying.TotalSeconds:F0} s, copying {held:N0} counted facts into memory {copied.TotalSeconds:F0} s after that):\n");
        report.AppendLine("| view | app p95 ms | raw on facts p95 ms | raw on tallies p95 ms |");
        report.AppendLine("| --- | ---: | ---: | ---: |");
        string Raw(int i) => i < rawAggregates.Count ? rawAggregates[i].ToString("F2", CultureInfo.InvariantCulture) : "–";
        for (var i = 0; i < DashboardViews.Length; i++)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| `{DashboardViews[i]}` | {dashboardAlone[i]:F2} | {(i < 2 ? Raw(i) : "–")} | {(i < 2 ? Raw(i + 2) : "–")} |");
        }

        report.AppendLine("\nViews the tallies cannot answer (two filters besides a tag, a filter with columns), counted from the months' copies in memory; alone, not in the load above:\n");
        report.AppendLine("| view | app p95 ms |");
        report.AppendLine("| --- | ---: |");
        for (var i = 0; i < ViewsBeyondTallies.Length; i++)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| `{ViewsBeyondTallies[i]}` | {beyondTallies[i]:F2} |");
        }

        report.AppendLine();
        report.AppendLine(reused
            ? "- The data of an earlier run was used again (`--reuse-cases`)"
            : string.Create(CultureInfo.InvariantCulture, $"- Generating the data (`-- demo-data --cases {options.Cases}`): {generated.TotalSeconds:F0} s"));
        report.AppendLine(CultureInfo.InvariantCulture, $"- Search p95 {search.P95:F1} ms under {options.Concurrency} concurrent clients (target: under 50 ms); case page p95 {casePage.P95:F1} ms (target: under 30 ms)");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Dashboard p95 {dashboard.P95:F1} ms under {options.Concurrency} concurrent clients (target: under 300 ms)");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Server peak resident memory (VmHWM): {peak:F0} MB\n");
        await SoudanServer.DropAsync(environment);
        return report.ToString();
    }

    /// <summary>
    /// What an analyst asks the dashboard: the last twelve months (the default) by month, problem and
    /// a cross-tabulation; five years by outcome; among a tag, a cross-tabulation and one more filter.
    /// </summary>
    private static readonly string[] DashboardViews =
    [
        "count=cases&rows=month",
        "count=cases&rows=problem",
        "count=cases&rows=nationality&columns=problem",
        "count=cases&rows=status&problem=unpaid-wages",
        $"count=cases&rows=outcome&from={TimeProvider.System.GetUtcNow().AddYears(-5):yyyy-MM-dd}",
        $"count=cases&rows=nationality&columns=problem&tag=COVID-19&from={TimeProvider.System.GetUtcNow().AddYears(-5):yyyy-MM-dd}",
        "count=cases&rows=problem&tag=hotel&nationality=VN",
    ];

    private static readonly string[] ViewsBeyondTallies =
    [
        "count=cases&rows=status&problem=unpaid-wages&nationality=VN",
        "count=cases&rows=nationality&columns=problem&status=active",
    ];

    /// <summary>Waits (up to half an hour) until every generated case has its row of figures; returns how many have one.</summary>
    private static async Task<long> WaitForFactsAsync(Dictionary<string, string> environment, int cases)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using var connection = Open(environment);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM \"StatisticsFact\" WHERE \"Unit\" = 2";
            var counted = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            if (counted >= cases || deadline.Elapsed > TimeSpan.FromMinutes(30))
            {
                return counted;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Waits (up to half an hour) until every month of facts is tallied (no change is left to count).</summary>
    private static async Task WaitForTalliesAsync(Dictionary<string, string> environment)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(30))
        {
            await using var connection = Open(environment);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT COUNT(*) FROM \"StatisticsChange\") + (SELECT CASE WHEN EXISTS (SELECT 1 FROM \"StatisticsTally\") THEN 0 ELSE 1 END)";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Waits (up to ten minutes) until the app holds every counted fact in memory; returns how many it holds.</summary>
    private static async Task<long> WaitForMemoryAsync(Dictionary<string, string> environment, HttpClient client)
    {
        await using var connection = Open(environment);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"StatisticsFact\" WHERE \"Counted\"";
        var counted = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        var deadline = Stopwatch.StartNew();
        var held = 0L;
        while (deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            held = long.Parse(await client.GetStringAsync("/bench/statistics-memory"), CultureInfo.InvariantCulture);
            if (held >= counted)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return held;
    }

    /// <summary>The first two dashboard views' aggregates, as SQL straight to the database.</summary>
    private static async Task<List<double>> RawAggregatesAsync(Dictionary<string, string> environment)
    {
        var today = TimeProvider.System.GetUtcNow().AddHours(9);
        var from = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(-11);
        var range = $"\"Counted\" AND \"Unit\" = 2 AND \"Day\" >= {from:yyyyMMdd} AND \"Day\" <= {today:yyyyMMdd}";
        string[] queries =
        [
            $"SELECT \"Month\", COUNT(*) FROM \"StatisticsFact\" WHERE {range} GROUP BY \"Month\"",
            $"SELECT v.\"Value\", COUNT(*) FROM \"StatisticsFact\" f JOIN \"StatisticsFactValue\" v ON v.\"FactId\" = f.\"Id\" AND v.\"Dimension\" = 'problem' WHERE {range.Replace("\"Counted\"", "f.\"Counted\"", StringComparison.Ordinal).Replace("\"Unit\"", "f.\"Unit\"", StringComparison.Ordinal).Replace("\"Day\"", "f.\"Day\"", StringComparison.Ordinal)} GROUP BY v.\"Value\"",
            // The same two on the tallies of the whole months before this one (what the app reads for them).
            $"SELECT \"Month\", SUM(\"Count\") FROM \"StatisticsTally\" WHERE \"Dimension\" = '*' AND \"OtherDimension\" = '' AND \"Unit\" = 2 AND \"Month\" >= {from:yyyyMM} AND \"Month\" < {today:yyyyMM} GROUP BY \"Month\"",
            $"SELECT \"Value\", SUM(\"Count\") FROM \"StatisticsTally\" WHERE \"Dimension\" = 'problem' AND \"OtherDimension\" = '' AND \"Unit\" = 2 AND \"Month\" >= {from:yyyyMM} AND \"Month\" < {today:yyyyMM} GROUP BY \"Value\"",
        ];
        await using var connection = Open(environment);
        await connection.OpenAsync();
        var results = new List<double>();
        foreach (var sql in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var timings = new List<double>();
            for (var run = 0; run < 20; run++)
            {
                var watch = Stopwatch.StartNew();
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                    }
                }

                timings.Add(watch.Elapsed.TotalMilliseconds);
            }

            timings.Sort();
            results.Add(timings[(int)(0.95 * (timings.Count - 1))]);
        }

        return results;
    }

    private static System.Data.Common.DbConnection Open(Dictionary<string, string> environment) =>
        environment.TryGetValue("ConnectionStrings__Soudan", out var postgres)
            ? new NpgsqlConnection(postgres)
            : new SqliteConnection($"Data Source={Path.Combine(environment["Soudan__DataDirectory"], "soudan.db")};Mode=ReadOnly");

    private static async Task<double> SequentialP95Async(Func<Task<HttpResponseMessage>> send)
    {
        var timings = new List<double>();
        for (var run = 0; run < 20; run++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await send();
            await response.Content.ReadAsByteArrayAsync();
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        return timings[(int)(0.95 * (timings.Count - 1))];
    }

    /// <summary>Signs in as a person would the first time: password, then two-factor set up with the key the page shows.</summary>
    private static async Task SignInAsync(HttpClient client, string email, string password)
    {
        var signIn = await client.GetStringAsync("/staff/sign-in");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__rvt"] = Token(signIn),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        var signedIn = await client.PostAsync("/staff/sign-in", form);
        var (setupPath, setup) = await FollowAsync(client, signedIn.Headers.Location?.OriginalString ?? throw new InvalidOperationException("sign-in failed: " + signedIn.StatusCode));
        var key = SetupKey().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
        using var confirm = new FormUrlEncodedContent(new Dictionary<string, string> { ["__rvt"] = Token(setup), ["Input.Code"] = code });
        await client.PostAsync(setupPath, confirm);
        var check = await client.GetAsync("/staff/search");
        if (check.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException("the bench counselor could not reach the search page: " + check.StatusCode + " " + check.Headers.Location);
        }
    }

    /// <summary>Follows redirects from a path, as a browser would; returns where it ended and the page.</summary>
    private static async Task<(string Path, string Page)> FollowAsync(HttpClient client, string path)
    {
        for (var hops = 0; hops < 5; hops++)
        {
            using var response = await client.GetAsync(path);
            if (response.Headers.Location is not { } next)
            {
                return (path, await response.Content.ReadAsStringAsync());
            }

            path = next.OriginalString;
        }

        throw new InvalidOperationException("too many redirects from " + path);
    }

    private static string Token(string page) => RequestToken().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"__rvt\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex RequestToken();

    [GeneratedRegex("class=\"setup-key\">([^<]+)<")]
    private static partial Regex SetupKey();

    /// <summary>The trigram index alone: the terms as the app folds them, straight to the database.</summary>
    private static async Task<List<(string Term, double P95, int Matches)>> RawSearchAsync(Dictionary<string, string> environment, BenchOptions options)
    {
        var results = new List<(string, double, int)>();
        // The queries above as the app folds them; "田中" has no trigram and is left out.
        var terms = new[] { "santos", "nguyễn", "श्रेष्ठ", "бат-эрдэнэ", "さくら12", "hotel3", "09000042137", "残業代" };
        await using var connection = environment.TryGetValue("ConnectionStrings__Soudan", out var postgres)
            ? (System.Data.Common.DbConnection)new NpgsqlConnection(postgres)
            : new SqliteConnection($"Data Source={Path.Combine(environment["Soudan__DataDirectory"], "soudan.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        foreach (var term in terms)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = connection is NpgsqlConnection
                ? "SELECT \"CaseId\" FROM \"CaseSearch\" WHERE \"Text\" LIKE @p LIMIT 51"
                : "SELECT rowid FROM \"CaseSearchFts\" WHERE \"CaseSearchFts\" MATCH @p LIMIT 51";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "p";
            parameter.Value = connection is NpgsqlConnection ? "%" + term + "%" : "\"" + term + "\"";
            command.Parameters.Add(parameter);
            var timings = new List<double>();
            var matches = 0;
            for (var run = 0; run < 20; run++)
            {
                var watch = Stopwatch.StartNew();
                matches = 0;
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        matches++;
                    }
                }

                timings.Add(watch.Elapsed.TotalMilliseconds);
            }

            timings.Sort();
            results.Add((term, timings[(int)(0.95 * (timings.Count - 1))], matches));
        }

        return results;
    }
}
