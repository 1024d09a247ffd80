using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Soudan.Tests.Infrastructure;

namespace Soudan.Tests.CommandLine;

/// <summary>The commands of the README, run as separate processes on both databases.</summary>
public abstract partial class CommandLineTests(TestDatabase database) : IAsyncLifetime
{
    private ProcessDatabase _database = null!;

    protected Dictionary<string, string?> Environment => _database.Environment;

    public async Task InitializeAsync() => _database = await ProcessDatabase.CreateAsync(database);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Users_add_reads_the_password_from_standard_input_and_users_list_shows_the_account()
    {
        var added = await SoudanProcess.RunAsync(Environment, "Correct-Horse-Battery-9!\n", "users", "add", "--email", "ops@example.org", "--role", "Admin");
        var listed = await SoudanProcess.RunAsync(Environment, null, "users", "list");

        Assert.True(added.ExitCode == 0, added.Output + added.Error);
        Assert.Contains("Created ops@example.org (Admin).", added.Output, StringComparison.Ordinal);
        Assert.Contains("two-factor", added.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Correct-Horse", added.Output + added.Error, StringComparison.Ordinal);
        Assert.Matches(@"ops@example\.org\s+Admin\s+no 2FA\s+active", listed.Output);
    }

    [Fact]
    public async Task Users_add_without_a_password_prints_a_one_time_link()
    {
        var added = await SoudanProcess.RunAsync(Environment, "", "users", "add", "--email", "volunteer@example.org", "--role", "Operator,Interpreter", "--language", "en");

        Assert.Equal(0, added.ExitCode);
        Assert.Matches(SetupLink(), added.Output);
    }

    [Theory]
    [InlineData("Chef", "Choose at least one role")]
    [InlineData("", "Choose at least one role")]
    public async Task Users_add_with_an_unknown_role_says_which_roles_exist(string role, string expected)
    {
        var result = await SoudanProcess.RunAsync(Environment, "Correct-Horse-Battery-9!\n", "users", "add", "--email", "chef@example.org", "--role", role);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("Analyst", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_add_refuses_a_short_password_and_a_taken_address()
    {
        var weak = await SoudanProcess.RunAsync(Environment, "short\n", "users", "add", "--email", "weak@example.org", "--role", "Counselor");
        await SoudanProcess.RunAsync(Environment, "Correct-Horse-Battery-9!\n", "users", "add", "--email", "twice@example.org", "--role", "Counselor");
        var twice = await SoudanProcess.RunAsync(Environment, "Correct-Horse-Battery-9!\n", "users", "add", "--email", "twice@example.org", "--role", "Counselor");

        Assert.NotEqual(0, weak.ExitCode);
        Assert.Contains("at least 12 characters", weak.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, twice.ExitCode);
        Assert.Contains("already exists", twice.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1qaz2wsx3edc4rfv", "list of common or leaked passwords")]
    [InlineData("Qwertyuiop123", "list of common or leaked passwords")]
    [InlineData("soudan-2025-2025!", "must not be made of your e-mail address")]
    [InlineData("common@example.org", "must not be made of your e-mail address")]
    public async Task Users_add_refuses_a_common_password_and_one_made_of_the_address_or_the_sites_name(string password, string expected)
    {
        var result = await SoudanProcess.RunAsync(Environment, password + "\n", "users", "add", "--email", "common@example.org", "--role", "Counselor");
        var listed = await SoudanProcess.RunAsync(Environment, null, "users", "list");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("No staff accounts yet.", listed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_run_counts_with_dry_run_and_leaves_a_report_each_time()
    {
        var dry = await SoudanProcess.RunAsync(Environment, null, "retention", "run", "--dry-run");
        var run = await SoudanProcess.RunAsync(Environment, null, "retention", "run");
        var reports = await CountAsync("""SELECT COUNT(*) FROM "RetentionRun" WHERE "ScheduledDay" IS NULL""");

        Assert.True(dry.ExitCode == 0, dry.Output + dry.Error);
        Assert.Contains("Would erase: 0 consultations, 0 calls, 0 cases; 0 kept under legal hold.", dry.Output, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("Erased: 0 consultations", run.Output, StringComparison.Ordinal);
        Assert.Equal(2, reports);
    }

    [Fact]
    public async Task Audit_verify_proves_the_log_whole_and_finds_a_line_changed_behind_the_apps_back()
    {
        await SoudanProcess.RunAsync(Environment, "Correct-Horse-Battery-9!\n", "users", "add", "--email", "first@example.org", "--role", "Admin");
        await SoudanProcess.RunAsync(Environment, "Correct-Horse-Battery-9!\n", "users", "add", "--email", "second@example.org", "--role", "Counselor");

        var intact = await SoudanProcess.RunAsync(Environment, null, "audit", "verify");
        var refusal = await Record.ExceptionAsync(() => ExecuteSqlAsync("""UPDATE "AuditEvents" SET "TargetId" = 'someone-else' WHERE "Sequence" = 1"""));
        var deletion = await Record.ExceptionAsync(() => ExecuteSqlAsync("""DELETE FROM "AuditEvents" WHERE "Sequence" = 2"""));
        // Someone with the database alone removes the guard and rewrites a line.
        await ExecuteSqlAsync(database == TestDatabase.Postgres
            ? """ALTER TABLE "AuditEvents" DISABLE TRIGGER "AuditEvents_append_only"; UPDATE "AuditEvents" SET "TargetId" = 'someone-else' WHERE "Sequence" = 1"""
            : """DROP TRIGGER "AuditEvents_no_update"; UPDATE "AuditEvents" SET "TargetId" = 'someone-else' WHERE "Sequence" = 1""");
        var broken = await SoudanProcess.RunAsync(Environment, null, "audit", "verify");

        Assert.True(intact.ExitCode == 0, intact.Output + intact.Error);
        Assert.Matches(@"The audit log is intact: [2-9] events chained\. Head: soudan-audit:[2-9]:[0-9a-f]{64}:[0-9a-f]{32}", intact.Output);
        Assert.Contains("append-only", refusal?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", deletion?.Message, StringComparison.Ordinal);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("the chain breaks at event number 1", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_logs_head_is_written_out_of_the_database_every_day_and_verify_checks_the_log_passes_through_it()
    {
        await SoudanProcess.RunAsync(Environment, "Correct-Horse-Battery-9!\n", "users", "add", "--email", "first@example.org", "--role", "Admin");
        var headFile = Path.Combine(Path.GetTempPath(), "soudan-heads-" + Guid.NewGuid().ToString("N"));
        Environment["Audit__HeadFile"] = headFile;
        string written;
        string output;
        await using (var app = await SoudanProcess.ServeAsync(Environment))
        {
            var waited = Stopwatch.StartNew();
            while (!File.Exists(headFile) && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(200);
            }

            await Task.Delay(500);   // the log line comes right after the file
            written = File.Exists(headFile) ? await File.ReadAllTextAsync(headFile) : "";
            output = app.Output;
        }

        var anchor = HeadPattern().Match(written).Value;
        var through = await SoudanProcess.RunAsync(Environment, null, "audit", "verify", "--anchor", anchor);
        var printed = await SoudanProcess.RunAsync(Environment, null, "audit", "head");
        var malformed = await SoudanProcess.RunAsync(Environment, null, "audit", "verify", "--anchor", "not-a-head");
        File.Delete(headFile);

        Assert.Matches(@"^\d{4}-\d{2}-\d{2} soudan-audit:\d+:[0-9a-f]{64}:[0-9a-f]{32}\n$", written);
        Assert.Contains(anchor, output, StringComparison.Ordinal);
        Assert.True(through.ExitCode == 0, through.Output + through.Error);
        Assert.Contains("through the anchor", through.Output, StringComparison.Ordinal);
        Assert.Matches(HeadPattern(), printed.Output);
        Assert.Equal(2, malformed.ExitCode);
    }

    [GeneratedRegex("soudan-audit:[0-9]+:[0-9a-f]{64}:[0-9a-f]{32}")]
    private static partial Regex HeadPattern();

    [Fact]
    public async Task Minimum_wages_import_loads_a_whole_revision_refuses_a_broken_one_and_asks_before_a_decrease()
    {
        static string Revision(int year, Func<Soudan.LaborLaw.MinimumWages.MinimumWageRate, decimal> yen) =>
            "prefecture_code,prefecture_ja,prefecture_en,fiscal_year,hourly_yen,effective_from,source\n" + string.Concat(
                Soudan.LaborLaw.MinimumWages.MinimumWageTable.Seed.Rates.Where(r => r.FiscalYear == 2025)
                    .Select(r => $"{r.PrefectureCode},{r.PrefectureJa},{r.PrefectureEn},{year},{yen(r)},{year}-10-01,官報 令和{year - 2018}年 test\n"));
        var whole = Path.Combine(_database.DataDirectory, "fy2026.csv");
        var broken = Path.Combine(_database.DataDirectory, "broken.csv");
        var lower = Path.Combine(_database.DataDirectory, "fy2027.csv");
        await File.WriteAllTextAsync(whole, Revision(2026, r => r.HourlyYen + 100));
        await File.WriteAllTextAsync(broken, Revision(2026, r => r.HourlyYen + 100).Replace("13,東京都", "99,東京都", StringComparison.Ordinal));
        await File.WriteAllTextAsync(lower, Revision(2027, r => r.PrefectureCode == "13" ? 1300 : r.HourlyYen + 150));

        var loaded = await SoudanProcess.RunAsync(Environment, null, "minimum-wages", "import", whole);
        var refused = await SoudanProcess.RunAsync(Environment, null, "minimum-wages", "import", broken);
        var unconfirmed = await SoudanProcess.RunAsync(Environment, null, "minimum-wages", "import", lower);
        var confirmed = await SoudanProcess.RunAsync(Environment, null, "minimum-wages", "import", lower, "--confirm-decrease");

        Assert.True(loaded.ExitCode == 0, loaded.Output + loaded.Error);
        Assert.Contains("Loaded 47 rates from fy2026.csv", loaded.Output, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("prefecture code \"99\"", refused.Error, StringComparison.Ordinal);
        Assert.Contains("no rate for prefecture 13", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, unconfirmed.ExitCode);
        Assert.Contains("Prefecture 13: ¥1326 → ¥1300 from 2027-10-01", unconfirmed.Error, StringComparison.Ordinal);
        Assert.True(confirmed.ExitCode == 0, confirmed.Output + confirmed.Error);
    }

    private Task ExecuteSqlAsync(string sql) => _database.ExecuteAsync(sql);

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Migrate_applies_the_migrations_and_exits()
    {
        var result = await SoudanProcess.RunAsync(Environment, null, "migrate");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("database is up to date", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_prints_the_usage_and_fails()
    {
        var result = await SoudanProcess.RunAsync(Environment, null, "no-such-command");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("users", result.Output + result.Error, StringComparison.Ordinal);
        Assert.Contains("migrate", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_start_serves_and_leaves_the_first_admin_link_in_a_file_only_its_user_reads_never_in_the_output()
    {
        // As the README's `dotnet run` does: the build output, not a published app, and not in Development.
        Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var file = Path.Combine(_database.DataDirectory, "first-admin-link.txt");
        string first;
        string firstOutput;
        await using (var serving = await SoudanProcess.ServeAsync(Environment))
        {
            first = await ReadLinkAsync(file, serving);
            using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.All });
            client.DefaultRequestHeaders.Add("Accept-Language", "en");
            var page = await client.GetAsync(first);
            var home = await client.GetStringAsync(new Uri(serving.Address, "/en/"));
            var stylesheet = StylesheetLink().Match(home).Groups[1].Value;
            // A browser asks for Brotli: the stylesheet must come whole, not as an empty answer.
            var css = await client.GetStringAsync(new Uri(serving.Address, stylesheet));

            Assert.StartsWith(serving.Address + "staff/setup/", first, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Create the first admin account", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.StartsWith("/css/site", stylesheet, StringComparison.Ordinal);
            Assert.Contains(":root", css, StringComparison.Ordinal);
            firstOutput = serving.Output;
        }

        // A restart replaces the link: the one before stops working.
        await using var again = await SoudanProcess.ServeAsync(Environment);
        var second = await ReadLinkAsync(file, again);
        using var browser = new HttpClient();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(file));
        Assert.Contains(file, firstOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Split('/').Last(), firstOutput + again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Split('/').Last(), firstOutput + again.Output, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync(first.Replace(new Uri(first).Authority, again.Address.Authority, StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(second)).StatusCode);
    }

    [Fact]
    public async Task At_a_terminal_the_first_start_shows_the_link_there_and_writes_no_file()
    {
        var port = SoudanProcess.FreePort();
        // `script` gives the app a terminal, as a person running `dotnet run` has.
        var start = SoudanProcess.StartInfo(Environment, "--urls", $"http://127.0.0.1:{port}");
        var command = string.Join(' ', new[] { start.FileName }.Concat(start.ArgumentList).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        start.ArgumentList.Clear();
        start.FileName = "script";
        foreach (var arg in new[] { "--quiet", "--flush", "--return", "--command", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var link = await ReadUntilAsync(process.StandardOutput, SetupLink(), TimeSpan.FromSeconds(60));
            using var client = new HttpClient();

            Assert.StartsWith($"http://127.0.0.1:{port}/staff/setup/", link, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
            Assert.False(File.Exists(Path.Combine(_database.DataDirectory, "first-admin-link.txt")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The link in the file the app says it wrote, once it is there.</summary>
    private static async Task<string> ReadLinkAsync(string file, SoudanProcess.Serving serving)
    {
        for (var wait = 0; wait < 300; wait++)
        {
            if (serving.Output.Contains(file, StringComparison.Ordinal) && SetupLink().Match(await File.ReadAllTextAsync(file)) is { Success: true } match)
            {
                return match.Value;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"no first-admin link in {file}:\n{serving.Output}");
    }

    private static async Task<string> ReadUntilAsync(StreamReader output, Regex pattern, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (await output.ReadLineAsync(cancel.Token) is { } line)
        {
            if (pattern.Match(line) is { Success: true } match)
            {
                return match.Value;
            }
        }

        throw new InvalidOperationException("the app printed no first-admin link");
    }

    [GeneratedRegex(@"https?://\S+/staff/setup/[A-Za-z0-9_-]{22}")]
    private static partial Regex SetupLink();

    [GeneratedRegex(@"<link rel=""stylesheet"" href=""([^""]+)""")]
    private static partial Regex StylesheetLink();
}

public sealed class CommandLineTestsOnSqlite() : CommandLineTests(TestDatabase.Sqlite);

public sealed class CommandLineTestsOnPostgres() : CommandLineTests(TestDatabase.Postgres);
