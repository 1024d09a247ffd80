using System.Diagnostics;
using System.Text;
using Soudan.Tests.Localization;

namespace Soudan.Tests.CommandLine;

/// <summary>
/// The built app run as its own process, as an operator runs it: <c>dotnet Soudan.Web.dll ...</c>
/// with settings in environment variables, standard input and output, exit codes.
/// </summary>
public sealed class SoudanProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>The app built beside these tests, in the same configuration.</summary>
    public static string AppDirectory { get; } = Path.Combine(
        TextKeys.RepositoryRoot, "src", "Soudan.Web", "bin",
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name, "net10.0");

    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppDirectory, "Soudan.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("Soudan__", StringComparison.Ordinal) || k.StartsWith("Database__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> environment, string? input, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, args))!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
