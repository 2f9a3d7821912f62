using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using MicroCred.Application.Features.Public;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MicroCred.Web.Infrastructure;

/// <summary>The actions an attacker would repeat: each has its own limits per client address and per account.</summary>
public enum Throttled
{
    Login,
    Registration,
    ForgotPassword,
    ResendConfirmation,
    DistrictSignup,
    InvitationAcceptance,
    CreditRequest,
    UploadCreation,
    Invitation,
    DataExport,
}

/// <summary>Marks a page (its POSTs) or an endpoint as one of the <see cref="Throttled"/> actions.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ThrottledAttribute(Throttled action) : Attribute
{
    public Throttled Action { get; } = action;
}

/// <summary>One action's limits: requests per <see cref="Window"/> from one address, and by one signed-in person (0 = none).</summary>
public sealed class RateLimit
{
    public int PerIp { get; set; }
    public int PerAccount { get; set; }
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Configuration section <c>RateLimits</c>: <c>RateLimits:Login:PerIp</c>, <c>:PerAccount</c>, <c>:Window</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    // A school's staff often share one public address, so per-address limits leave room for a room full of teachers;
    // a single account is held much tighter (and sign-in also locks an account after 5 wrong passwords).
    public RateLimit Login { get; set; } = new() { PerIp = 60, Window = TimeSpan.FromMinutes(5) };
    public RateLimit Registration { get; set; } = new() { PerIp = 20 };
    public RateLimit ForgotPassword { get; set; } = new() { PerIp = 10 };
    public RateLimit ResendConfirmation { get; set; } = new() { PerIp = 10 };
    public RateLimit DistrictSignup { get; set; } = new() { PerIp = 5, Window = TimeSpan.FromHours(1) };
    public RateLimit InvitationAcceptance { get; set; } = new() { PerIp = 30, PerAccount = 10 };
    public RateLimit CreditRequest { get; set; } = new() { PerIp = 60, PerAccount = 20, Window = TimeSpan.FromHours(1) };
    public RateLimit UploadCreation { get; set; } = new() { PerIp = 300, PerAccount = 100 };
    // Inviting sends email to addresses an Admin chooses, in any number: held tight so no district becomes a mail relay.
    public RateLimit Invitation { get; set; } = new() { PerIp = 60, PerAccount = 30, Window = TimeSpan.FromHours(1) };
    // A whole person's data, evidence video included, is heavy to build: nobody needs it more than a few times an hour.
    public RateLimit DataExport { get; set; } = new() { PerIp = 30, PerAccount = 5, Window = TimeSpan.FromHours(1) };

    public RateLimit For(Throttled action) => action switch
    {
        Throttled.Login => Login,
        Throttled.Registration => Registration,
        Throttled.ForgotPassword => ForgotPassword,
        Throttled.ResendConfirmation => ResendConfirmation,
        Throttled.DistrictSignup => DistrictSignup,
        Throttled.InvitationAcceptance => InvitationAcceptance,
        Throttled.CreditRequest => CreditRequest,
        Throttled.UploadCreation => UploadCreation,
        Throttled.Invitation => Invitation,
        Throttled.DataExport => DataExport,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}

public static class RateLimits
{
    public const string Verify = "verify";

    public const string TooManyMessage = "Too many requests: you have tried this many times in a short time. Please wait a few minutes and try again.";

    /// <summary>
    /// Per-client limits: the verifier's (a named policy, every request), and the <see cref="Throttled"/> actions
    /// (their POSTs, per client address and per signed-in account). Over a limit → 429 with <c>Retry-After</c>, the
    /// status page for browsers and a sentence for scripts. The client address is the connection's, or the one a
    /// proxy named in <c>Transport:KnownProxies</c> forwarded.
    /// </summary>
    public static IServiceCollection AddMicroCredRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Verify, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<VerifierOptions>>().Value.RequestsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, perAccount: false)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, perAccount: true)));
            options.OnRejected = OnRejectedAsync;
        });
    }

    /// <summary>
    /// The client's address as a rate-limit key: an IPv4 address, or the /64 network of an IPv6 address (one subscriber
    /// usually holds a whole /64, so limiting per address would let one client rotate through billions of them).
    /// </summary>
    internal static string ClientAddress(HttpContext http)
    {
        if (http.Connection.RemoteIpAddress is not { } address) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }

    private static RateLimitPartition<string> Partition(HttpContext http, bool perAccount)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || http.GetEndpoint()?.Metadata.GetMetadata<ThrottledAttribute>() is not { } throttled)
            return RateLimitPartition.GetNoLimiter("");
        var limit = http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue.For(throttled.Action);
        string key;
        int permits;
        if (perAccount)
        {
            if (limit.PerAccount <= 0 || http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return RateLimitPartition.GetNoLimiter("");
            (key, permits) = ($"{throttled.Action}:user:{userId}", limit.PerAccount);
        }
        else
        {
            if (limit.PerIp <= 0) return RateLimitPartition.GetNoLimiter("");
            (key, permits) = ($"{throttled.Action}:ip:{ClientAddress(http)}", limit.PerIp);
        }
        // The window is part of the key so a changed configuration takes effect on the next request.
        return RateLimitPartition.GetFixedWindowLimiter($"{key}:{permits}/{limit.Window}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = limit.Window, QueueLimit = 0 });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MicroCred.RateLimits")
            .LogWarning("Rate limit reached for {Path} from {ClientAddress}", http.Request.Path.Value, ClientAddress(http));
        // Browsers get the status page (re-executed with an empty body); scripts a sentence.
        var wantsHtml = http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
        if (!wantsHtml)
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(TooManyMessage, ct);
        }
    }
}
