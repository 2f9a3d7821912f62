using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Public;

public static class VerifierServices
{
    /// <summary>The public verifier's options (section <c>Verifier</c>) and its safe HTTP client.</summary>
    public static IServiceCollection AddBadgeVerifier(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VerifierOptions>()
            .Bind(configuration.GetSection(VerifierOptions.Section))
            .Validate(o => o.MaxItems > 0 && o.MaxDocumentBytes > 0 && o.MaxImageBytes > 0 && o.MaxRedirects >= 0 && o.Parallelism > 0
                && o.ConnectTimeout > TimeSpan.Zero && o.DocumentTimeout > TimeSpan.Zero && o.VerificationBudget > TimeSpan.Zero,
                "Verifier: limits and timeouts must be positive.")
            // Reaching private networks from an anonymous page is a development convenience; in Production it would
            // let anyone probe the servers behind the firewall, so the app refuses to start rather than ignore it.
            .Validate<IHostEnvironment>((o, environment) => !(o.AllowPrivateNetworks && environment.IsProduction()),
                "Verifier:AllowPrivateNetworks must not be on in Production: the public verifier would reach the private network.")
            .ValidateOnStart();
        services.AddHttpClient<SafeBadgeFetcher>(SafeBadgeFetcher.ConfigureClient)
            .ConfigurePrimaryHttpMessageHandler(sp => SafeBadgeFetcher.CreateHandler(sp.GetRequiredService<IOptions<VerifierOptions>>().Value))
            .RemoveAllLoggers(); // anyone can trigger fetches: the fetcher logs what it refused, not two lines per request
        return services;
    }
}
