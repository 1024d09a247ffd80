using Microsoft.Extensions.Logging.Console;

namespace Soudan.Web.Infrastructure.Hosting;

public static class HostingSetup
{
    /// <summary>Categories that write request paths or query strings: follow-up links carry a secret in the path.</summary>
    private static readonly string[] PathLoggingCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.StaticAssets",
        "Microsoft.AspNetCore.StaticFiles",
        "Microsoft.AspNetCore.Mvc",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Diagnostics",
    ];

    public static WebApplicationBuilder AddSoudanHosting(this WebApplicationBuilder builder, string[] args)
    {
        builder.Services.AddSingleton(TimeProvider.System);

        // Structured logs (one JSON object a line) that never hold personal data: no scopes (they
        // carry the request path), no request lines, and nothing from our code but ids and counts.
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = false;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Json);
        foreach (var category in PathLoggingCategories)
        {
            builder.Logging.AddFilter(category, LogLevel.Warning);
        }

        if (SoudanCommandLine.IsCommand(args))
        {
            // A command's output is for the operator reading it; only problems are logged.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }

        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        if (builder.Configuration["Kestrel:Limits:MaxRequestBodySize"] is null)
        {
            // Nothing a worker or counselor sends needs more; uploads raise it where they are accepted.
            builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 1024 * 1024);
        }

        builder.Services.AddOptions<SoudanOptions>().BindConfiguration("Soudan").ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}

/// <summary>Settings under <c>Soudan</c> that several features read.</summary>
public sealed class SoudanOptions
{
    /// <summary>The organisation's name, shown in the header of every page.</summary>
    public string OrganisationName { get; set; } = "Soudan";

    /// <summary>
    /// The address people reach the app at (e.g. <c>https://soudan.example.org</c>), for links that
    /// leave the app: printed account links, shared pages. Unset, the address the app listens on is used.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public string? DataDirectory { get; set; }

    public string? KeyEncryptionKey { get; set; }

    public string? KeyEncryptionKeyFile { get; set; }

    public string? AuditKey { get; set; }

    public string? AuditKeyFile { get; set; }
}
