using System.Diagnostics;
using System.Net;
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

    /// <summary>A free port on loopback, for an app started with <c>--urls</c>.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts the app serving on a free loopback port and waits until <c>/readyz</c> answers 200.
    /// Its output is read as it comes (an unread pipe would stall the app) and kept for a failure message.
    /// </summary>
    public static async Task<Serving> ServeAsync(IReadOnlyDictionary<string, string?> environment, TimeSpan? timeout = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var process = Process.Start(StartInfo(environment, "--urls", address.ToString().TrimEnd('/')))!;
        var serving = new Serving(process, address);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                if ((await client.GetAsync(new Uri(address, "/readyz"))).StatusCode == HttpStatusCode.OK)
                {
                    return serving;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        await serving.DisposeAsync();
        throw new InvalidOperationException($"the app did not become ready at {address}:\n{serving.Output}");
    }

    /// <summary>An app process serving on loopback; disposing it kills it.</summary>
    public sealed class Serving : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        internal Serving(Process process, Uri address)
        {
            _process = process;
            Address = address;
            process.StandardInput.Close();
            process.OutputDataReceived += (_, line) => Keep(line.Data);
            process.ErrorDataReceived += (_, line) => Keep(line.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Uri Address { get; }

        /// <summary>The last of what the app printed (bounded: a long run prints a lot).</summary>
        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        /// <summary>SIGKILL: no shutdown, no flushing, as when the power goes or the kernel kills it.</summary>
        public async Task KillAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await KillAsync();
            _process.Dispose();
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                if (_output.Length > 64_000)
                {
                    _output.Remove(0, _output.Length - 32_000);
                }

                _output.AppendLine(line);
            }
        }
    }
}
