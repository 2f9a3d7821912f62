using Microsoft.AspNetCore.RateLimiting;
using MicroCred.Web.Infrastructure;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Public;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Verification;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MicroCred.Web.Pages.Public;

/// <summary>
/// The public verifier: anyone pastes badge URLs or signed badges, or uploads baked images, and gets a
/// report per badge. <c>GET /verify?url=…</c> verifies at once (a shareable link); tools get JSON by asking
/// for <c>application/json</c>.
/// </summary>
[EnableRateLimiting(RateLimits.Verify)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class VerifyModel(ISender sender, IOptions<VerifierOptions> options) : PageModel
{
    /// <summary>Every upload of one request together (each file is also limited on its own).</summary>
    public const long MaxUploadBytes = 25 * 1024 * 1024;
    public const long MaxRequestBytes = MaxUploadBytes + VerifyBadges.MaxTextLength + 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    [BindProperty]
    public VerifyInput Input { get; set; } = new();

    public IReadOnlyList<VerifiedBadge>? Results { get; private set; }

    public VerifierOptions Limits => options.Value;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "url")] string[]? url, [FromQuery(Name = "email")] string? email, CancellationToken ct)
    {
        var urls = (url ?? []).Where(u => !string.IsNullOrWhiteSpace(u)).ToList();
        if (urls.Count == 0)
        {
            if (PrefersJson(Request)) return JsonError(StatusCodes.Status400BadRequest, "url", "Pass the badge's assertion URL as ?url=…");
            return Page();
        }
        Input.Text = string.Join("\n", urls);
        Input.RecipientEmail = email;
        return await VerifyAsync([], ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var files = new List<BadgeFile>();
        foreach (var file in Input.Files.Where(f => f.Length > 0 || f.FileName.Length > 0))
            files.Add(new BadgeFile(file.FileName, await ReadAsync(file, ct)));
        return await VerifyAsync(files, ct);
    }

    private async Task<IActionResult> VerifyAsync(IReadOnlyList<BadgeFile> files, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store"; // a verdict is only true when it is made
        var query = new VerifyBadges(Input.Text, files, Input.RecipientEmail);
        if (!PrefersJson(Request))
        {
            // Refusals come back as field messages through RequestErrorsPageFilter, with the input kept.
            Results = await sender.Send(query, ct);
            return Page();
        }
        try
        {
            Results = await sender.Send(query, ct);
        }
        catch (ValidationFailedException invalid)
        {
            return new JsonResult(new { errors = invalid.Errors.Select(e => new { field = JsonNamingPolicy.CamelCase.ConvertName(e.Field), message = e.Message }) }, Json)
            {
                StatusCode = StatusCodes.Status400BadRequest,
            };
        }
        return new JsonResult(new { results = Results.Select(ToJson) }, Json);
    }

    /// <summary>Reads at most one byte more than a badge image may have, so an oversized file is recognised without being held.</summary>
    private async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        var limit = (int)Math.Min(file.Length, Limits.MaxImageBytes + 1L);
        var bytes = new byte[limit];
        await using var stream = file.OpenReadStream();
        var total = 0;
        while (total < limit)
        {
            var read = await stream.ReadAsync(bytes.AsMemory(total, limit - total), ct);
            if (read == 0) break;
            total += read;
        }
        return total == limit ? bytes : bytes[..total];
    }

    private static JsonResult JsonError(int status, string field, string message) =>
        new(new { errors = new[] { new { field, message } } }, Json) { StatusCode = status };

    private static object ToJson(VerifiedBadge badge) => new
    {
        badge.Number,
        badge.SourceKind,
        badge.Source,
        badge.Verdict,
        badge.Method,
        badge.AssertionId,
        Badge = new { Name = badge.BadgeName, Description = badge.BadgeDescription },
        Issuer = new { Name = badge.IssuerName, Url = badge.IssuerUrl },
        IssuedOn = badge.IssuedOn is { } issued ? BadgeTimestamp.Format(issued) : null,
        Expires = badge.Expires is { } expires ? BadgeTimestamp.Format(expires) : null,
        badge.RevocationReason,
        badge.RecipientMatches,
        Checks = badge.Checks.Select(c => new { c.Name, c.Outcome, c.Message }),
    };

    /// <summary>JSON only when the client asks for it by q-value (<see cref="BadgeNegotiation.PrefersJson"/>).</summary>
    public static bool PrefersJson(HttpRequest request) => BadgeNegotiation.PrefersJson(request.Headers.Accept.ToString());

    // ---- Presentation helpers for the view ----

    public static string VerdictClass(BadgeVerdict verdict) => verdict.ToString().ToLowerInvariant();

    public static string VerdictIcon(BadgeVerdict verdict) => verdict switch
    {
        BadgeVerdict.Valid => "✓",
        BadgeVerdict.Expired => "!",
        BadgeVerdict.Revoked => "⊘",
        _ => "✗",
    };

    public static string VerdictExplanation(VerifiedBadge badge) => badge.Verdict switch
    {
        BadgeVerdict.Valid => "The issuer vouches for this badge: it is authentic, current and not revoked.",
        BadgeVerdict.Expired => badge.Expires is { } expires
            ? $"The badge is authentic, but it expired on {Date(expires)}."
            : "The badge is authentic, but it has expired.",
        BadgeVerdict.Revoked => "The issuer has revoked this badge.",
        _ => "This badge could not be verified: "
             + (badge.Checks.FirstOrDefault(c => c.Outcome == CheckOutcome.Failed && c.Category == CheckCategory.Integrity)?.Message
                ?? "a required check failed."),
    };

    public static string OutcomeClass(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "ok",
        CheckOutcome.Failed => "bad",
        CheckOutcome.Warning => "warn",
        _ => "skipped",
    };

    public static string OutcomeText(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "✓ Passed",
        CheckOutcome.Failed => "✗ Failed",
        CheckOutcome.Warning => "! Warning",
        _ => "– Skipped",
    };

    public static string Date(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string MethodText(VerificationMethod? method) => method switch
    {
        VerificationMethod.Hosted => "Hosted (the issuer serves the badge at its URL)",
        VerificationMethod.Signed => "Signed (a JWS checked against the issuer's key)",
        _ => "Unknown",
    };

    private static readonly Dictionary<string, string> Documents = new(StringComparer.Ordinal)
    {
        ["assertion"] = "Assertion",
        ["badge-class"] = "Badge class",
        ["issuer"] = "Issuer",
        ["key"] = "Signing key",
        ["revocation-list"] = "Revocation list",
    };

    private static readonly Dictionary<string, string> Aspects = new(StringComparer.Ordinal)
    {
        ["fetched"] = "fetched",
        ["json"] = "is JSON",
        ["context"] = "JSON-LD context",
        ["type"] = "type",
        ["id"] = "id matches its URL",
        ["properties"] = "required properties",
        ["content-type"] = "content type",
        ["owner"] = "belongs to the issuer",
        ["listed"] = "listed by the issuer",
        ["input-url"] = "URL given is its id",
    };

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [CheckNames.Input] = "Input",
        [CheckNames.BakedImage] = "Baked image",
        [CheckNames.JwsFormat] = "JWS format",
        [CheckNames.SignatureAlgorithm] = "Signature algorithm",
        [CheckNames.VerificationMethod] = "Verification method",
        [CheckNames.BakedMatchesHosted] = "Baked copy matches the hosted one",
        [CheckNames.VerificationScope] = "Verification scope",
        [CheckNames.Signature] = "Signature",
        [CheckNames.Revocation] = "Revocation",
        [CheckNames.IssuedOn] = "Issue date",
        [CheckNames.Expiry] = "Expiry date",
        [CheckNames.Recipient] = "Recipient",
    };

    /// <summary>A check's name in words ("badge-class-id" → "Badge class id matches its URL").</summary>
    public static string CheckLabel(string name)
    {
        if (Labels.TryGetValue(name, out var label)) return label;
        foreach (var (prefix, document) in Documents.OrderByDescending(d => d.Key.Length))
        {
            if (name.StartsWith(prefix + "-", StringComparison.Ordinal) && Aspects.TryGetValue(name[(prefix.Length + 1)..], out var aspect))
                return $"{document} {aspect}";
        }
        var words = name.Replace('-', ' ');
        return words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words[1..];
    }

    public sealed class VerifyInput
    {
        public string? Text { get; set; }
        public List<IFormFile> Files { get; set; } = [];
        public string? RecipientEmail { get; set; }
    }
}
