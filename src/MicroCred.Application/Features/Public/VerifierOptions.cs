namespace MicroCred.Application.Features.Public;

/// <summary>
/// Limits of the public verifier (configuration section <c>Verifier</c>). It fetches documents from any
/// issuer on the internet for anonymous visitors, so every fetch is bounded in time, size and where it may go.
/// </summary>
public sealed class VerifierOptions
{
    public const string Section = "Verifier";

    /// <summary>
    /// Also reach loopback, private (RFC 1918), shared, link-local and unique-local addresses. Off by default;
    /// on in Development so ./run.sh's own demo badges on localhost verify, and in tests that serve badges locally.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// Verifications one client (by IP address) may ask for per minute: each can make the server fetch many
    /// documents from other sites, so an anonymous page needs a limit.
    /// </summary>
    public int RequestsPerMinute { get; set; } = 30;

    /// <summary>Longest wait for resolving a host and opening a connection.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest time one document may take, redirects and body included.</summary>
    public TimeSpan DocumentTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest time all the fetches of one badge's verification may take together.</summary>
    public TimeSpan VerificationBudget { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest Badge Object (JSON) read; reading stops as soon as a response exceeds it.</summary>
    public int MaxDocumentBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest badge image fetched or uploaded.</summary>
    public int MaxImageBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Most redirects followed for one document; each hop is checked again.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Most badges (lines and files together) verified in one request.</summary>
    public int MaxItems { get; set; } = 20;

    /// <summary>How many badges of one request are verified at the same time.</summary>
    public int Parallelism { get; set; } = 4;
}
