using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Intakes;

namespace Soudan.Tests.Infrastructure;

public enum TestDatabase
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The one way tests start Soudan: the real app (Program) on a real database, SQLite in a fresh
/// data directory or a fresh PostgreSQL database in the cluster that scripts/test starts
/// (<c>SOUDAN_TEST_POSTGRES</c>). Tests act through HTTP and the intent methods here.
/// </summary>
public sealed class SoudanApp : IAsyncDisposable
{
    public const string PostgresVariable = "SOUDAN_TEST_POSTGRES";

    /// <summary>
    /// The address a page client stands for, on the test server (which has no network and gives
    /// no address): set as the connection's remote address before the app sees the request, as a
    /// socket would. Not on Kestrel, where the address is the real one.
    /// </summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    private readonly Factory _factory;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("soudan-test-").FullName;
    private readonly string? _postgresDatabase;

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase = true;

    private SoudanApp(TestDatabase database, IReadOnlyDictionary<string, string?> settings, FakeTimeProvider? clock, bool kestrel, bool ownsDatabase = true)
    {
        _ownsDatabase = ownsDatabase;
        Database = database;
        Clock = clock;
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Soudan:DataDirectory"] = _dataDirectory,
            ["RateLimiting:Enabled"] = "false",
            // Each test starts from an empty database; the seed guides have a test of their own.
            ["Guides:SeedOnFirstStart"] = "false",
            // As production sets them: outside Development the keys come from outside the data directory.
            ["Soudan:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Soudan:AuditKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        if (database == TestDatabase.Postgres && ownsDatabase)
        {
            _postgresDatabase = "soudan_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            all["Database:Provider"] = "postgres";
            all["ConnectionStrings:Soudan"] = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _postgresDatabase }.ToString();
        }

        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        _settings = all;
        _factory = new Factory(all, clock, Logs, clientAddresses: !kestrel);
        _kestrel = kestrel;
        if (kestrel)
        {
            _factory.UseKestrel(0);
        }
    }

    private readonly bool _kestrel;

    public TestDatabase Database { get; }

    public FakeTimeProvider? Clock { get; }

    public LogCapture Logs { get; } = new();

    public IServiceProvider Services => _factory.Services;

    /// <summary>The address of a real Kestrel server (apps started with <c>kestrel: true</c>), for the browser.</summary>
    public Uri BaseAddress => _factory.ClientOptions.BaseAddress;

    public string DataDirectory => _dataDirectory;

    /// <summary>The PostgreSQL database this app created, for tests that take it away.</summary>
    public string? PostgresDatabase => _postgresDatabase;

    /// <summary>The PostgreSQL server of the test run. Its absence is a failure, never a skip.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with scripts/test, which starts a throwaway PostgreSQL cluster and sets it.");

    public static async Task<SoudanApp> StartAsync(
        TestDatabase database,
        IReadOnlyDictionary<string, string?>? settings = null,
        FakeTimeProvider? clock = null,
        bool kestrel = false)
    {
        var app = new SoudanApp(database, settings ?? new Dictionary<string, string?>(), clock, kestrel);
        if (app._postgresDatabase is not null)
        {
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {app._postgresDatabase}", connection);
            await create.ExecuteNonQueryAsync();
        }

        if (kestrel)
        {
            app._factory.StartServer();
        }
        else
        {
            _ = app._factory.Server;
        }

        return app;
    }

    /// <summary>
    /// A second instance of the app on the same database and settings, as production runs several
    /// behind a proxy. It leaves the database to this one.
    /// </summary>
    public SoudanApp StartSecondInstance()
    {
        var second = new SoudanApp(Database, _settings, Clock, kestrel: false, ownsDatabase: false);
        _ = second._factory.Server;
        return second;
    }

    public HttpClient CreateClient() =>
        _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = _factory.ClientOptions.BaseAddress });

    /// <summary>
    /// A client with its own cookie jar, which tests can read (to carry a session to another
    /// instance). Its browser asks for English, so staff pages it reads before sign-in are English.
    /// On the test server it has an address of its own, <paramref name="address"/> or one made up
    /// (from the range kept for documentation), as a person's browser would: sign-in attempts are
    /// counted per address.
    /// </summary>
    public PageClient CreatePageClient(string acceptLanguage = "en", string? address = null)
    {
        var cookies = new CookieContainer();
        // On a real Kestrel server the default handler would keep its own cookies and drop ours.
        var client = _kestrel
            ? new HttpClient(new CookieHandler(cookies) { InnerHandler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false } }) { BaseAddress = BaseAddress }
            : _factory.CreateDefaultClient(new CookieHandler(cookies));
        client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        if (!_kestrel)
        {
            client.DefaultRequestHeaders.Add(ClientAddressHeader, address ?? AnyAddress());
        }

        return new PageClient(client, cookies, Clock);
    }

    /// <summary>An IPv6 address of 2001:db8::/32, never routed anywhere, different for each client.</summary>
    public static string AnyAddress() =>
        "2001:db8:" + string.Join(':', Enumerable.Range(0, 6).Select(_ => RandomNumberGenerator.GetInt32(0x10000).ToString("x", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Creates a staff account directly (as the command line would) and says how to sign in.</summary>
    public async Task<StaffCredentials> CreateStaffAsync(string[] roles, bool twoFactor = false, DateTime? accessExpiresAtUtc = null)
    {
        var email = $"staff+{Guid.NewGuid():N}@example.org";
        var password = "Correct-Horse-Battery-" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(
            new NewStaffAccount(email, "Test " + roles[0], roles, password, "en", accessExpiresAtUtc), null, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        string? authenticatorKey = null;
        if (twoFactor)
        {
            var users = scope.ServiceProvider.GetRequiredService<StaffUserManager>();
            await users.ResetAuthenticatorKeyAsync(result.User!);
            authenticatorKey = await users.GetAuthenticatorKeyAsync(result.User!);
            await users.SetTwoFactorEnabledAsync(result.User!, true);
        }

        return new StaffCredentials(result.User!.Id, email, password, authenticatorKey);
    }

    /// <summary>A staff member signed in through the pages, second factor included when asked for.</summary>
    public async Task<PageClient> SignInAsync(params string[] roles)
    {
        var credentials = await CreateStaffAsync(roles, twoFactor: true);
        var browser = CreatePageClient();
        await browser.SignInAsync(credentials);
        return browser;
    }

    /// <summary>A worker's consultation through the API, as a partner site would send it.</summary>
    public async Task<IntakeReceipt> SubmitIntakeAsync(IntakeRequest? request = null)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/intakes", request ?? SampleIntake());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<IntakeReceipt>())!;
    }

    /// <summary>Ana's consultation (SCENARIOS.md 1): sent home from a hotel without the leave allowance.</summary>
    public static IntakeRequest SampleIntake() => new()
    {
        Name = "Ana",
        PreferredLanguage = "tl",
        InterfaceLanguage = "tl",
        Contact = new IntakeContact { Phone = "090-1234-5678", BestTime = "gabi", SafeToLeaveMessage = false },
        PrefectureCode = "22",
        Nationality = "PH",
        ResidenceStatus = "long-term-resident",
        Employer = "Hotel Fuji",
        DispatchAgency = "Tokyo Staffing",
        EmploymentType = "dispatched",
        Industry = "hospitality",
        Problems = ["lost-shifts", "unpaid-leave-allowance"],
        Description = "Pinauwi kami nang walang bayad mula Abril.",
        Consent = true,
    };

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (_postgresDatabase is not null && _ownsDatabase)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, FakeTimeProvider? clock, LogCapture logs, bool clientAddresses)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            // As `dotnet run` does: the build's static files (compressed copies included) are found through its manifest.
            builder.UseStaticWebAssets();
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
            builder.ConfigureTestServices(services =>
            {
                if (clock is not null)
                {
                    services.RemoveAll<TimeProvider>();
                    services.AddSingleton<TimeProvider>(clock);
                }

                // Every request checks the security stamp, so tests see role changes at once.
                services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

                if (clientAddresses)
                {
                    // First of all, before forwarded headers: where a socket would have put it.
                    services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, ClientAddressFilter>());
                }
            });
        }
    }

    /// <summary>The test server's stand-in for a socket's remote address (see <see cref="ClientAddressHeader"/>).</summary>
    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove(ClientAddressHeader, out var address) && IPAddress.TryParse(address, out var parsed))
                {
                    context.Connection.RemoteIpAddress = parsed;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Keeps cookies like a browser, in a container the test can read.</summary>
internal sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var header = cookies.GetCookieHeader(request.RequestUri!);
        if (header.Length > 0 && !request.Headers.Contains("Cookie"))
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                cookies.SetCookies(request.RequestUri!, value);
            }
        }

        return response;
    }
}

public sealed record StaffCredentials(Guid Id, string Email, string Password, string? AuthenticatorKey);

/// <summary>Every log line the app wrote, at every level, for tests that prove what is never logged.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
