using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MicroCred.Domain.Evidence;
using MicroCred.OpenBadges.Verification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Public;

/// <summary>
/// The verifier's only way onto the network. Anyone can make it fetch any URL, so it resolves host names
/// itself and connects only to the address it checked (no DNS-rebinding gap), refuses non-public networks
/// unless configured, follows a few redirects by hand (checking every hop), and bounds every document in
/// time and size, reading the body incrementally and stopping as soon as the limit is passed.
/// </summary>
public sealed class SafeBadgeFetcher(HttpClient http, IOptions<VerifierOptions> options, ILogger<SafeBadgeFetcher> logger) : IBadgeDocumentFetcher
{
    public const string UserAgent = "MicroCred-Verifier/1.0 (Open Badges 2.0 verifier)";
    public const string JsonAccept = "application/ld+json, application/json;q=0.9, */*;q=0.1";
    public const string ImageAccept = "image/png, image/svg+xml;q=0.9, */*;q=0.1";

    private readonly VerifierOptions settings = options.Value;

    public VerifierOptions Settings => settings;

    /// <summary>A Badge Object: JSON, at most <see cref="VerifierOptions.MaxDocumentBytes"/> (a baked image as an image).</summary>
    public Task<FetchedDocument> FetchAsync(Uri url, BadgeDocumentKind kind, CancellationToken ct) =>
        kind == BadgeDocumentKind.BakedImage ? FetchImageAsync(url, ct) : FetchAsync(url, JsonAccept, settings.MaxDocumentBytes, ct);

    /// <summary>A badge image, at most <see cref="VerifierOptions.MaxImageBytes"/>.</summary>
    public Task<FetchedDocument> FetchImageAsync(Uri url, CancellationToken ct) =>
        FetchAsync(url, ImageAccept, settings.MaxImageBytes, ct);

    /// <summary>
    /// GETs <paramref name="url"/> within <see cref="VerifierOptions.DocumentTimeout"/> (redirects and body
    /// included). Every failure comes back as <see cref="FetchedDocument.Failed"/> with a sentence for people;
    /// only cancellation through <paramref name="ct"/> throws.
    /// </summary>
    public async Task<FetchedDocument> FetchAsync(Uri url, string accept, int maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(settings.DocumentTimeout);
        var current = url;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                if (Unfetchable(current) is { } refusal) return Refused(current, refusal);

                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.TryAddWithoutValidation("Accept", accept);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;

                if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    if (redirects >= settings.MaxRedirects)
                        return Refused(current, $"the server redirected more than {settings.MaxRedirects} times.");
                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    continue;
                }

                var body = await ReadCappedAsync(response.Content, maxBytes, deadline.Token).ConfigureAwait(false);
                if (body is null) return Refused(current, $"the response is larger than {FileSizes.Describe(maxBytes)}.");
                logger.LogDebug("Verifier fetched {Url}: HTTP {Status}, {Bytes} bytes", current, status, body.Length);
                return FetchedDocument.Response(current, status, response.Content.Headers.ContentType?.ToString(), body);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return deadline.IsCancellationRequested
                ? Refused(current, $"the server did not answer within {Seconds(settings.DocumentTimeout)}.")
                : Refused(current, $"could not connect to {current.Host} within {Seconds(settings.ConnectTimeout)}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException)
        {
            return Refused(current, Explain(ex, current));
        }
    }

    /// <summary>Why the verifier will not even try this URL, or null.</summary>
    private static string? Unfetchable(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return $"{Shorten(url.OriginalString)} is not an http or https address.";
        if (url.UserInfo.Length > 0) return "addresses with a user name or password are not fetched.";
        return null;
    }

    private FetchedDocument Refused(Uri url, string error)
    {
        logger.LogInformation("Verifier did not fetch {Url}: {Reason}", url, error);
        return FetchedDocument.Failed(url, error);
    }

    /// <summary>The body, or null as soon as it is larger than <paramref name="maxBytes"/>; never buffers more than that.</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken ct)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxBytes) return null;
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream((int)Math.Min(declared ?? 16 * 1024, maxBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var room = maxBytes + 1 - (int)buffer.Length; // one byte past the limit proves it was passed
                var read = await stream.ReadAsync(chunk.AsMemory(0, Math.Min(chunk.Length, room)), ct).ConfigureAwait(false);
                if (read == 0) break;
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes) return null;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    private static string Explain(Exception exception, Uri url)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case AddressRefusedException refused:
                    return refused.Message;
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return $"the host name {url.Host} could not be found.";
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return "the server refused the connection.";
                case SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.HostUnreachable }:
                    return $"{url.Host} cannot be reached from here.";
                case System.Security.Authentication.AuthenticationException:
                    return "the secure connection (TLS) could not be established: " + ex.Message;
            }
        }
        return "the connection failed: " + exception.Message;
    }

    /// <summary>"10 s", "1.5 s".</summary>
    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    private static string Shorten(string value) => value.Length <= 120 ? value : value[..120] + "…";

    /// <summary>
    /// The primary handler of the verifier's HttpClient: no proxy, no cookies, no automatic redirects, and a
    /// connect callback that resolves the host and connects only to addresses the policy allows.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(VerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = new NetworkAddressPolicy(options.AllowPrivateNetworks);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false, // a proxy would connect on our behalf, past the address checks
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = 8,
            MaxResponseHeadersLength = 32, // KiB
            MaxResponseDrainSize = 64 * 1024,
            ResponseDrainTimeout = TimeSpan.FromSeconds(1),
            ConnectCallback = (context, ct) => ConnectAsync(policy, context.DnsEndPoint, ct),
        };
    }

    /// <summary>The client settings shared by DI and by code that builds a fetcher by hand.</summary>
    public static void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Timeout = Timeout.InfiniteTimeSpan; // each fetch has its own deadline
        client.DefaultRequestHeaders.UserAgent.Clear();
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
    }

    /// <summary>A fetcher with its own handler, for code outside dependency injection.</summary>
    public static SafeBadgeFetcher Create(VerifierOptions options, ILogger<SafeBadgeFetcher> logger)
    {
        var client = new HttpClient(CreateHandler(options), disposeHandler: true);
        ConfigureClient(client);
        return new SafeBadgeFetcher(client, Options.Create(options), logger);
    }

    /// <summary>
    /// Resolves the host and connects to the first address the policy allows, so the address checked is the
    /// address used. A host whose addresses are all refused is not contacted at all.
    /// </summary>
    internal static async ValueTask<Stream> ConnectAsync(NetworkAddressPolicy policy, DnsEndPoint endpoint, CancellationToken ct)
    {
        var host = endpoint.Host.StartsWith('[') ? endpoint.Host[1..^1] : endpoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
        var allowed = addresses.Where(policy.Allows).ToList();
        if (allowed.Count == 0)
        {
            if (addresses.Length == 0) throw new AddressRefusedException($"the host name {host} has no address.");
            var refused = addresses[0];
            throw new AddressRefusedException(
                $"the address resolves to {NetworkAddressPolicy.Describe(NetworkAddressPolicy.Classify(refused))} ({refused}), which the verifier does not reach.");
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }
}

/// <summary>The verifier will not connect to this address; the message says why, for people.</summary>
public sealed class AddressRefusedException(string message) : IOException(message);
