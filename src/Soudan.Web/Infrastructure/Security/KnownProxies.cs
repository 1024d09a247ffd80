using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Soudan.Web.Infrastructure.Hosting;
using IPNetwork = System.Net.IPNetwork;

namespace Soudan.Web.Infrastructure.Security;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> Soudan believes:
/// <c>ForwardedHeaders__KnownProxies__0=10.0.0.2</c>, <c>ForwardedHeaders__KnownNetworks__0=10.0.0.0/24</c>
/// (more with <c>__1</c>, <c>__2</c>...). From anyone else those headers are ignored: a visitor
/// who sends them does not get a new address at each request, and so cannot escape the rate limits
/// or the sign-in throttle. None configured, none is believed, loopback included.
/// </summary>
public sealed record KnownProxies(IReadOnlyList<IPAddress> Addresses, IReadOnlyList<IPNetwork> Networks)
{
    public const string Section = "ForwardedHeaders";

    public bool Any => Addresses.Count + Networks.Count > 0;

    /// <summary>Reads and checks the settings; one that is not an address or network stops the start, naming it.</summary>
    public static KnownProxies From(IConfiguration configuration) => new(
        Values(configuration, "KnownProxies").Select(v => ParseAddress(v.Setting, v.Value)).ToList(),
        Values(configuration, "KnownNetworks").Select(v => ParseNetwork(v.Setting, v.Value)).ToList());

    private static IEnumerable<(string Setting, string Value)> Values(IConfiguration configuration, string name)
    {
        var section = configuration.GetSection(Section).GetSection(name);
        // One value may also list several, comma-separated.
        var all = section.GetChildren().Select(c => (Setting: c.Path, c.Value)).Prepend((Setting: section.Path, section.Value));
        return all.SelectMany(v => (v.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(value => (v.Setting.Replace(":", "__", StringComparison.Ordinal), value)));
    }

    private static IPAddress ParseAddress(string setting, string value) =>
        IsWholeAddress(value) && IPAddress.TryParse(value, out var address)
            ? address
            : throw new StartupException($"{setting} must be the IP address of a reverse proxy, such as 10.0.0.2 or fd00::2; '{value}' is not one.");

    private static IPNetwork ParseNetwork(string setting, string value) =>
        IsWholeAddress(value.Split('/')[0]) && IPNetwork.TryParse(value, out var network)
            ? network
            : throw new StartupException($"{setting} must be a network of reverse proxies written as address/prefix, such as 10.0.0.0/24 or fd00::/64; '{value}' is not one.");

    /// <summary>Four numbers or an IPv6 address: IPAddress also reads "10" as 0.0.0.10, which nobody means.</summary>
    private static bool IsWholeAddress(string value) =>
        value.Contains(':', StringComparison.Ordinal) || value.Count(c => c == '.') == 3;
}

public static partial class KnownProxiesSetup
{
    /// <summary>ASP.NET's own switch (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>), which alone would believe everyone.</summary>
    private const string AspNetSwitch = "ForwardedHeaders_Enabled";

    public static WebApplicationBuilder AddSoudanKnownProxies(this WebApplicationBuilder builder)
    {
        var proxies = KnownProxies.From(builder.Configuration);
        builder.Services.AddSingleton(proxies);
        // After ASP.NET's own setup, which empties both lists when ASPNETCORE_FORWARDEDHEADERS_ENABLED is set.
        builder.Services.PostConfigure<ForwardedHeadersOptions>(o =>
        {
            // With both lists empty ASP.NET would believe anyone: then it reads no header at all.
            o.ForwardedHeaders = proxies.Any ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in proxies.Addresses)
            {
                o.KnownProxies.Add(address);
            }

            foreach (var network in proxies.Networks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme.</summary>
    public static WebApplication UseSoudanForwardedHeaders(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<KnownProxies>();
        // With ASP.NET's switch on, ASP.NET itself has put the middleware first, with the lists above.
        var addedByAspNet = string.Equals(app.Configuration[AspNetSwitch], "true", StringComparison.OrdinalIgnoreCase);
        if (addedByAspNet && !proxies.Any)
        {
            NoProxyKnown(app.Logger);
        }

        if (!addedByAspNet && proxies.Any)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "ASPNETCORE_FORWARDEDHEADERS_ENABLED is set but no ForwardedHeaders__KnownProxies__0 or ForwardedHeaders__KnownNetworks__0: forwarded headers are ignored")]
    private static partial void NoProxyKnown(ILogger logger);
}
