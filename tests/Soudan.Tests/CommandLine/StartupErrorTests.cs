namespace Soudan.Tests.CommandLine;

/// <summary>A setting that keeps Soudan from starting: one line naming it, a non-zero exit, no stack trace.</summary>
public sealed class StartupErrorTests
{
    public static TheoryData<string, string, string> Misconfigurations() => new()
    {
        { "Database__Provider=oracle", "", "Database__Provider" },
        { "Database__Provider=postgres", "", "ConnectionStrings__Soudan" },
        { "Database__Provider=postgres", "ConnectionStrings__Soudan=Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=3", "ConnectionStrings__Soudan" },
        { "Database__Provider=postgres", "ConnectionStrings__Soudan=this is not a connection string", "ConnectionStrings__Soudan" },
        { "Soudan__KeyEncryptionKey=too-short", "", "Soudan__KeyEncryptionKey" },
        { "Soudan__DataDirectory=/proc/soudan-cannot-be-here", "", "Soudan__DataDirectory" },
        { "ForwardedHeaders__KnownProxies__0=10.0.0", "", "ForwardedHeaders__KnownProxies__0" },
        { "ForwardedHeaders__KnownProxies__0=10.0.0.2", "ForwardedHeaders__KnownNetworks__1=10.0.0.0/33", "ForwardedHeaders__KnownNetworks__1" },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public async Task A_setting_that_keeps_Soudan_from_starting_is_named_in_one_line(string first, string second, string named)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Soudan__DataDirectory"] = Directory.CreateTempSubdirectory("soudan-bad-").FullName,
            ["Soudan__KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
            ["Soudan__AuditKey"] = Convert.ToBase64String(new byte[32]),
        };
        foreach (var setting in new[] { first, second }.Where(s => s.Length > 0))
        {
            var (key, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            environment[key] = value;
        }

        var result = await SoudanProcess.RunAsync(environment, null, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, result.ExitCode);
        var error = result.Error.Trim();
        Assert.DoesNotContain('\n', error);
        Assert.StartsWith("Soudan cannot start: ", error, StringComparison.Ordinal);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Soudan__KeyEncryptionKey")]
    [InlineData("Soudan__AuditKey")]
    public async Task Outside_development_each_key_must_be_given_and_the_error_says_how_to_make_one(string missing)
    {
        var environment = Keyed();
        environment.Remove(missing);

        var result = await SoudanProcess.RunAsync(environment, null, "--urls", "http://127.0.0.1:0");

        AssertOneLineNaming(result, missing);
        Assert.Contains("openssl rand -base64 32", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(environment["Soudan__DataDirectory"]!, "*.key"));
    }

    [Fact]
    public async Task A_key_file_inside_the_data_directory_is_refused()
    {
        var environment = Keyed();
        var inside = Path.Combine(environment["Soudan__DataDirectory"]!, "kek");
        await File.WriteAllTextAsync(inside, Convert.ToBase64String(new byte[32]));
        environment.Remove("Soudan__KeyEncryptionKey");
        environment["Soudan__KeyEncryptionKeyFile"] = inside;

        var result = await SoudanProcess.RunAsync(environment, null, "--urls", "http://127.0.0.1:0");

        AssertOneLineNaming(result, "Soudan__KeyEncryptionKeyFile");
        Assert.Contains("inside the data directory", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task In_development_Soudan_starts_with_its_keys_beside_the_data_says_so_and_keeps_every_file_private()
    {
        var data = Directory.CreateTempSubdirectory("soudan-dev-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)Convert.ToInt32("755", 8));   // as a careless mkdir leaves it
        var environment = new Dictionary<string, string?> { ["Soudan__DataDirectory"] = data, ["ASPNETCORE_ENVIRONMENT"] = "Development" };

        await using (var app = await SoudanProcess.ServeAsync(environment))
        {
            using var client = new HttpClient();
            await client.GetAsync(new Uri(app.Address, "/en/"));
            var output = app.Output;

            Assert.Contains("WARNING:", output, StringComparison.Ordinal);
            Assert.Contains("Soudan__KeyEncryptionKey", output, StringComparison.Ordinal);
            Assert.Contains("Soudan__AuditKey", output, StringComparison.Ordinal);
            Assert.Equal("700", Mode(data));
            Assert.All(PrivateFiles, file => Assert.Equal("600", Mode(Path.Combine(data, file))));
        }

        Directory.Delete(data, recursive: true);
    }

    private static readonly string[] PrivateFiles = ["key-encryption.key", "audit-chain.key", "soudan.db", "soudan.db-wal", "soudan.db-shm"];

    private static Dictionary<string, string?> Keyed() => new()
    {
        ["Soudan__DataDirectory"] = Directory.CreateTempSubdirectory("soudan-bad-").FullName,
        ["Soudan__KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
        ["Soudan__AuditKey"] = Convert.ToBase64String(new byte[32]),
    };

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8);

    private static void AssertOneLineNaming(SoudanProcess.Result result, string named)
    {
        Assert.Equal(1, result.ExitCode);
        var error = result.Error.Trim();
        Assert.DoesNotContain('\n', error);
        Assert.StartsWith("Soudan cannot start: ", error, StringComparison.Ordinal);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
    }
}
