using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Soudan.Web.Infrastructure.Hosting;

/// <summary>Turns an app path into a full address for links printed or sent outside the app.</summary>
/// <remarks>
/// <c>Soudan__PublicBaseUrl</c> when set; else, during a request, the address the person's browser
/// used; else (the command line, the start-up link) the address the app listens on.
/// </remarks>
public sealed class PublicAddress(IOptions<SoudanOptions> options, IServer server, IConfiguration configuration, IHttpContextAccessor http)
{
    public string For(string path) => BaseUrl().TrimEnd('/') + path;

    private string BaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            return options.Value.PublicBaseUrl;
        }

        if (http.HttpContext?.Request is { Host.HasValue: true } request)
        {
            return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? "http://localhost:5000";

        // A wildcard address is where the app listens, not where a browser can go.
        return listening.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal);
    }
}
