using System.Diagnostics;
using FluentValidation;
using Mediator;
using MicroCred.Domain.Common;
using MicroCred.Domain.Evidence;
using MicroCred.OpenBadges.Baking;
using MicroCred.OpenBadges.Signing;
using MicroCred.OpenBadges.Verification;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Public;

/// <summary>
/// Verifies Open Badges 2.0 badges from any issuer for anyone (no sign-in, no state change): assertion
/// URLs, signed badges (JWS) or assertion JSON pasted as text, one per line, and baked PNG/SVG images.
/// </summary>
/// <param name="Text">One assertion URL or JWS per line; text starting with <c>{</c> is one assertion's JSON.</param>
/// <param name="Files">Uploaded baked images, told apart by content.</param>
/// <param name="RecipientEmail">When given, each badge also says whether it was awarded to this address.</param>
public sealed record VerifyBadges(string? Text, IReadOnlyList<BadgeFile>? Files = null, string? RecipientEmail = null)
    : IQuery<IReadOnlyList<VerifiedBadge>>
{
    public const int MaxTextLength = 1024 * 1024;

    /// <summary>The pasted items, in order: one per non-empty line, or the whole text when it is JSON.</summary>
    public static IReadOnlyList<string> Lines(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return [];
        if (trimmed.StartsWith('{')) return [trimmed];
        return trimmed.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
    }

    public int ItemCount => Lines(Text).Count + (Files?.Count ?? 0);
}

/// <summary>An uploaded file: its name as the browser sent it and its bytes.</summary>
public sealed record BadgeFile(string FileName, byte[] Content);

public enum BadgeSourceKind
{
    Url,
    Jws,
    Json,
    Text,
    File,
}

/// <summary>A badge image fetched through the verifier's own fetcher (or decoded from a data URI), checked to be PNG or SVG.</summary>
public sealed record VerifiedBadgeImage(string ContentType, byte[] Content)
{
    public string DataUri => $"data:{ContentType};base64,{Convert.ToBase64String(Content)}";
}

/// <summary>One badge's verification: the verdict, every check behind it, and what the documents say.</summary>
public sealed record VerifiedBadge(int Number, BadgeSourceKind SourceKind, string Source, BadgeVerdict Verdict, IReadOnlyList<VerificationCheck> Checks)
{
    public VerificationMethod? Method { get; init; }
    public string? AssertionId { get; init; }
    public string? BadgeName { get; init; }
    public string? BadgeDescription { get; init; }
    /// <summary>The verified BadgeClass's id and criteria id: what recognition rules match.</summary>
    public string? BadgeClassId { get; init; }
    public string? CriteriaId { get; init; }
    public string? IssuerName { get; init; }
    public string? IssuerUrl { get; init; }
    public DateTimeOffset? IssuedOn { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public string? RevocationReason { get; init; }
    /// <summary>Null when no email was given.</summary>
    public bool? RecipientMatches { get; init; }
    public VerifiedBadgeImage? Image { get; init; }
    /// <summary>The basis the assertion declares when its issuer did not assess it (see <see cref="Issuing.BadgeDocuments.BasisGenre"/>).</summary>
    public string? NotAssessedBasis { get; init; }

    public static VerifiedBadge From(int number, BadgeSourceKind kind, string source, VerificationReport report, VerifiedBadgeImage? image) =>
        new(number, kind, source, report.Verdict, report.Checks)
        {
            Method = report.Method,
            AssertionId = report.AssertionId,
            BadgeName = report.BadgeName,
            BadgeClassId = report.BadgeClassId,
            CriteriaId = report.CriteriaId,
            BadgeDescription = report.BadgeDescription,
            IssuerName = report.IssuerName,
            IssuerUrl = report.IssuerUrl,
            IssuedOn = report.IssuedOn,
            Expires = report.Expires,
            RevocationReason = report.RevocationReason,
            RecipientMatches = report.RecipientMatches,
            Image = image,
            NotAssessedBasis = NotAssessedBasisOf(report.Assertion),
        };

    /// <summary>The name of an evidence entry whose genre marks the basis of a badge not assessed by its issuer.</summary>
    public static string? NotAssessedBasisOf(System.Text.Json.Nodes.JsonObject? assertion)
    {
        var evidence = assertion?["evidence"] switch
        {
            System.Text.Json.Nodes.JsonArray many => many.OfType<System.Text.Json.Nodes.JsonObject>(),
            System.Text.Json.Nodes.JsonObject one => [one],
            _ => [],
        };
        return evidence.Where(e => e["genre"] is System.Text.Json.Nodes.JsonValue g && g.TryGetValue<string>(out var genre) && genre == Issuing.BadgeDocuments.BasisGenre)
            .Select(e => e["name"] is System.Text.Json.Nodes.JsonValue n && n.TryGetValue<string>(out var name) ? name : "Not assessed")
            .FirstOrDefault();
    }

    /// <summary>An item that was not verified at all (for example a file over the size limit).</summary>
    public static VerifiedBadge Refused(int number, BadgeSourceKind kind, string source, string reason)
    {
        IReadOnlyList<VerificationCheck> checks = [new VerificationCheck(CheckNames.Input, CheckOutcome.Failed, reason)];
        return new(number, kind, source, VerificationReport.Decide(checks), checks);
    }
}

public sealed class VerifyBadgesValidator : AbstractValidator<VerifyBadges>
{
    public VerifyBadgesValidator(IOptions<VerifierOptions> options)
    {
        var max = options.Value.MaxItems;
        RuleFor(q => q.Text).MaximumLength(VerifyBadges.MaxTextLength)
            .WithMessage($"The pasted text is too long: paste at most {max} badges, one per line.");
        RuleFor(q => q.ItemCount).GreaterThan(0).OverridePropertyName(nameof(VerifyBadges.Text))
            .WithMessage("Paste a badge URL or a signed badge, or choose a baked badge image.");
        // Too many: shown on the text box, or on the file input when nothing was pasted.
        RuleFor(q => q.ItemCount).LessThanOrEqualTo(max).OverridePropertyName(nameof(VerifyBadges.Text))
            .When(q => VerifyBadges.Lines(q.Text).Count > 0)
            .WithMessage(q => $"Verify at most {max} badges at a time; you gave {q.ItemCount}.");
        RuleFor(q => q.ItemCount).LessThanOrEqualTo(max).OverridePropertyName(nameof(VerifyBadges.Files))
            .When(q => VerifyBadges.Lines(q.Text).Count == 0)
            .WithMessage(q => $"Verify at most {max} badges at a time; you chose {q.ItemCount} files.");
        RuleFor(q => q.RecipientEmail).MaximumLength(254).EmailAddress()
            .When(q => !string.IsNullOrWhiteSpace(q.RecipientEmail))
            .WithMessage("Enter the email address as name@example.org, or leave it empty.");
    }
}

public sealed class VerifyBadgesHandler(SafeBadgeFetcher fetcher, TimeProvider clock) : IQueryHandler<VerifyBadges, IReadOnlyList<VerifiedBadge>>
{
    private readonly VerifierOptions settings = fetcher.Settings;

    public async ValueTask<IReadOnlyList<VerifiedBadge>> Handle(VerifyBadges query, CancellationToken ct)
    {
        var email = string.IsNullOrWhiteSpace(query.RecipientEmail) ? null : query.RecipientEmail.Trim();
        var items = new List<Func<CancellationToken, Task<VerifiedBadge>>>();
        foreach (var line in VerifyBadges.Lines(query.Text))
        {
            var number = items.Count + 1;
            items.Add(token => VerifyTextAsync(number, line, email, token));
        }
        foreach (var file in query.Files ?? [])
        {
            var number = items.Count + 1;
            items.Add(token => VerifyFileAsync(number, file, email, token));
        }

        var results = new VerifiedBadge[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Parallelism), CancellationToken = ct },
            async (i, token) => results[i] = await items[i](token));
        return results;
    }

    private async Task<VerifiedBadge> VerifyTextAsync(int number, string text, string? email, CancellationToken ct)
    {
        var kind = WebAddress.IsHttp(text) ? BadgeSourceKind.Url
            : text.StartsWith('{') ? BadgeSourceKind.Json
            : CompactJws.LooksLikeJws(text) ? BadgeSourceKind.Jws
            : BadgeSourceKind.Text;
        var source = kind switch
        {
            BadgeSourceKind.Url => Shorten(text, 300),
            BadgeSourceKind.Jws => "Signed badge " + Shorten(text, 40),
            BadgeSourceKind.Json => "Assertion JSON " + Shorten(text, 40),
            _ => Shorten(text, 80),
        };
        var budget = new BudgetedFetcher(fetcher, settings.VerificationBudget);
        var report = await new BadgeVerifier(budget, clock).VerifyTextAsync(text, email, ct);
        return VerifiedBadge.From(number, kind, source, report, await ImageAsync(report, budget, ct));
    }

    private async Task<VerifiedBadge> VerifyFileAsync(int number, BadgeFile file, string? email, CancellationToken ct)
    {
        var name = Shorten(Path.GetFileName(file.FileName?.Replace('\\', '/') ?? ""), 120);
        if (name.Length == 0) name = $"File {number}";
        if (file.Content.Length > settings.MaxImageBytes)
        {
            return VerifiedBadge.Refused(number, BadgeSourceKind.File, name,
                $"{name} is larger than {FileSizes.Describe(settings.MaxImageBytes)}; a baked badge image must be smaller.");
        }
        var budget = new BudgetedFetcher(fetcher, settings.VerificationBudget);
        var report = await new BadgeVerifier(budget, clock).VerifyImageAsync(file.Content, email, ct);
        return VerifiedBadge.From(number, BadgeSourceKind.File, name, report, await ImageAsync(report, budget, ct));
    }

    /// <summary>
    /// The badge class's image, fetched through the same safe fetcher (never hotlinked) and only shown when
    /// it is a PNG or SVG. An invalid badge gets no image: it would lend it a credibility it has not earned.
    /// </summary>
    private async Task<VerifiedBadgeImage?> ImageAsync(VerificationReport report, BudgetedFetcher budget, CancellationToken ct)
    {
        if (report.Verdict == BadgeVerdict.Invalid || report.BadgeImage is not { } image) return null;
        if (image.StartsWith("data:", StringComparison.OrdinalIgnoreCase)) return FromDataUri(image);
        if (!WebAddress.TryParse(image, out var url)) return null;
        var fetched = await budget.FetchImageAsync(url, ct);
        if (fetched.Error is not null || fetched.StatusCode is < 200 or > 299) return null;
        return Sniffed(fetched.Body);
    }

    private VerifiedBadgeImage? FromDataUri(string uri)
    {
        var comma = uri.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !uri[..comma].EndsWith(";base64", StringComparison.OrdinalIgnoreCase)) return null;
        var data = uri.AsSpan(comma + 1);
        if (data.Length > settings.MaxImageBytes / 3 * 4 + 4) return null;
        var bytes = new byte[data.Length];
        return Convert.TryFromBase64Chars(data, bytes, out var written) ? Sniffed(bytes[..written]) : null;
    }

    private VerifiedBadgeImage? Sniffed(byte[] bytes)
    {
        if (bytes.Length == 0 || bytes.Length > settings.MaxImageBytes) return null;
        return BadgeImageSniffer.Detect(bytes) switch
        {
            BadgeImageFormat.Png => new VerifiedBadgeImage("image/png", bytes),
            BadgeImageFormat.Svg => new VerifiedBadgeImage("image/svg+xml", bytes),
            _ => null,
        };
    }

    private static string Shorten(string value, int max) => value.Length <= max ? value : value[..max] + "…";
}

/// <summary>
/// One badge's view of the network: every fetch goes through the safe fetcher, and all of them together
/// stop when <see cref="VerifierOptions.VerificationBudget"/> is spent (each still has its own document timeout).
/// </summary>
internal sealed class BudgetedFetcher(SafeBadgeFetcher inner, TimeSpan budget) : IBadgeDocumentFetcher
{
    private readonly long started = Stopwatch.GetTimestamp();

    public Task<FetchedDocument> FetchAsync(Uri url, BadgeDocumentKind kind, CancellationToken ct) =>
        WithinBudgetAsync(url, token => inner.FetchAsync(url, kind, token), ct);

    public Task<FetchedDocument> FetchImageAsync(Uri url, CancellationToken ct) =>
        WithinBudgetAsync(url, token => inner.FetchImageAsync(url, token), ct);

    private async Task<FetchedDocument> WithinBudgetAsync(Uri url, Func<CancellationToken, Task<FetchedDocument>> fetch, CancellationToken ct)
    {
        var remaining = budget - Stopwatch.GetElapsedTime(started);
        if (remaining <= TimeSpan.Zero) return FetchedDocument.Failed(url, Spent);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(remaining);
        try
        {
            return await fetch(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return FetchedDocument.Failed(url, Spent);
        }
    }

    private string Spent => $"this badge's verification used up its {SafeBadgeFetcher.Seconds(budget)} in total, so nothing more was fetched.";
}
