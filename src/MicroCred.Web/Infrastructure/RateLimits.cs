using System.Threading.RateLimiting;
using MicroCred.Application.Features.Public;
using Microsoft.Extensions.Options;

namespace MicroCred.Web.Infrastructure;

public static class RateLimits
{
    public const string Verify = "verify";

    /// <summary>Per-client limits on anonymous pages that make the server do outbound work; over the limit → 429.</summary>
    public static IServiceCollection AddMicroCredRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Verify, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<VerifierOptions>>().Value.RequestsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
}
