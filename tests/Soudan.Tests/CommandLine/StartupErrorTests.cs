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
}
