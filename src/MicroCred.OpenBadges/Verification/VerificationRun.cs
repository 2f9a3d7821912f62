using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges.Verification;

/// <summary>The state of one verification: the checks so far and the documents found.</summary>
internal sealed partial class VerificationRun(IBadgeDocumentFetcher fetcher, DateTimeOffset now, TimeSpan clockSkew, CancellationToken ct)
{
    /// <summary>Largest Badge Object body read as JSON.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    private readonly List<VerificationCheck> checks = [];

    public VerificationMethod? Method { get; set; }
    public JsonObject? Assertion { get; set; }
    public JsonObject? BadgeClass { get; set; }
    public JsonObject? Issuer { get; set; }
    public bool? RecipientMatches { get; set; }
    public string? RevocationReason { get; set; }

    public VerificationReport Report() => new(checks.ToList())
    {
        Method = Method,
        Assertion = Assertion,
        BadgeClass = BadgeClass,
        Issuer = Issuer,
        RecipientMatches = RecipientMatches,
        RevocationReason = RevocationReason,
    };

    public void Pass(string name, string message, CheckCategory category = CheckCategory.Integrity) => Add(name, CheckOutcome.Passed, message, category);
    public void Fail(string name, string message, CheckCategory category = CheckCategory.Integrity) => Add(name, CheckOutcome.Failed, message, category);
    public void Skip(string name, string message, CheckCategory category = CheckCategory.Integrity) => Add(name, CheckOutcome.Skipped, message, category);
    public void Warn(string name, string message, CheckCategory category = CheckCategory.Integrity) => Add(name, CheckOutcome.Warning, message, category);

    public void Add(string name, CheckOutcome outcome, string message, CheckCategory category = CheckCategory.Integrity) =>
        checks.Add(new VerificationCheck(name, outcome, message, category));

    public void Record(DocumentLoad load) => checks.AddRange(load.Checks);

    public void Add(IEnumerable<VerificationCheck> some) => checks.AddRange(some);

    /// <summary>An absolute http(s) URL, the only kind the verifier fetches.</summary>
    public static Uri? HttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;

    /// <summary>
    /// GETs a Badge Object and checks, in order: the response (<c>-fetched</c>), that it is a JSON object
    /// (<c>-json</c>), its <c>@context</c> (<c>-context</c>), its <c>type</c> (<c>-type</c>) and that its
    /// <c>id</c> is the URL it was served from after redirects (<c>-id</c>). For an assertion, a 410
    /// response is returned with only the fetched check so the caller can treat it as a revocation; for
    /// any other document 410 is a failed fetch.
    /// </summary>
    public async Task<DocumentLoad> LoadAsync(BadgeDocumentKind kind, string prefix, string url, IReadOnlyList<string> acceptedTypes, string typeName)
    {
        var load = new DocumentLoad();
        var noun = Noun(kind);
        var target = HttpUrl(url);
        if (target is null)
        {
            load.Add(prefix + "-fetched", CheckOutcome.Failed, $"The {noun} reference '{Shorten(url)}' is not an http or https URL, so it cannot be fetched.");
            return load;
        }

        FetchedDocument response;
        try
        {
            response = await fetcher.FetchAsync(target, kind, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            response = FetchedDocument.Failed(target, ex.Message);
        }
        load.Response = response;

        if (response.Error is not null)
        {
            load.Add(prefix + "-fetched", CheckOutcome.Failed, $"The {noun} could not be fetched from {target}: {response.Error}");
            return load;
        }
        var redirected = response.FinalUrl.AbsoluteUri != target.AbsoluteUri ? $" (redirected to {response.FinalUrl})" : "";
        if (response.StatusCode == 410 && kind == BadgeDocumentKind.Assertion)
        {
            load.Add(prefix + "-fetched", CheckOutcome.Passed, $"{target}{redirected} answered 410 Gone.");
            return load;
        }
        if (response.StatusCode is < 200 or > 299)
        {
            load.Add(prefix + "-fetched", CheckOutcome.Failed, $"The {noun} could not be fetched: {target}{redirected} answered HTTP {response.StatusCode}.");
            return load;
        }
        load.Add(prefix + "-fetched", CheckOutcome.Passed, $"Fetched the {noun} from {target}{redirected}.");
        if (!IsJsonContentType(response.ContentType))
        {
            load.Add(prefix + CheckNames.ContentTypeSuffix, CheckOutcome.Warning,
                $"The {noun} was served as '{response.ContentType ?? "(no content type)"}'; Badge Objects should be served as application/ld+json or application/json.");
        }

        var document = ParseBody(load, prefix + "-json", noun, response.Body);
        if (document is null) return load;
        load.Document = document;
        CheckContext(load, prefix + "-context", noun, document);
        CheckType(load, prefix + "-type", noun, document, acceptedTypes, typeName);
        CheckIdIsUrl(load, prefix + "-id", noun, document, response.FinalUrl);
        return load;
    }

    public static JsonObject? ParseBody(DocumentLoad load, string name, string noun, byte[] body)
    {
        if (body.Length > MaxDocumentBytes)
        {
            load.Add(name, CheckOutcome.Failed, $"The {noun} is larger than {MaxDocumentBytes / 1024} KB, too large to be a Badge Object.");
            return null;
        }
        if (!BadgeJson.TryParseObject(body, out var document, out var problem))
        {
            load.Add(name, CheckOutcome.Failed, $"The {noun} is not a JSON object: {problem}.");
            return null;
        }
        load.Add(name, CheckOutcome.Passed, $"The {noun} is a JSON object.");
        return document;
    }

    public static void CheckContext(DocumentLoad load, string name, string noun, JsonObject document)
    {
        switch (OpenBadgesContext.Classify(document["@context"]))
        {
            case ContextMatch.Canonical:
                load.Add(name, CheckOutcome.Passed, $"The {noun} uses the Open Badges 2.0 context.");
                break;
            case ContextMatch.Alias:
                load.Add(name, CheckOutcome.Warning, $"The {noun} uses another address of the Open Badges 2.0 context; the specification gives {OpenBadgesContext.V2}.");
                break;
            case ContextMatch.Other:
                load.Add(name, CheckOutcome.Failed, $"The {noun}'s @context is not Open Badges 2.0 ({OpenBadgesContext.V2}); older versions are not supported.");
                break;
            default:
                load.Add(name, CheckOutcome.Failed, $"The {noun} has no @context; Open Badges 2.0 documents declare {OpenBadgesContext.V2}.");
                break;
        }
    }

    public static void CheckType(DocumentLoad load, string name, string noun, JsonObject document, IReadOnlyList<string> accepted, string typeName)
    {
        if (BadgeObjectType.Matches(document["type"], accepted))
        {
            load.Add(name, CheckOutcome.Passed, $"The {noun} has type {typeName}.");
        }
        else
        {
            var actual = BadgeJson.Strings(document["type"]);
            load.Add(name, CheckOutcome.Failed, actual.Count == 0
                ? $"The {noun} has no type; expected {typeName}."
                : $"The {noun} has type {string.Join(", ", actual)}; expected {typeName}.");
        }
    }

    public static void CheckIdIsUrl(DocumentLoad load, string name, string noun, JsonObject document, Uri finalUrl)
    {
        var id = BadgeJson.String(document, "id");
        if (id is null)
        {
            load.Add(name, CheckOutcome.Failed, $"The {noun} has no id.");
        }
        else if (id == finalUrl.OriginalString || id == finalUrl.AbsoluteUri)
        {
            load.Add(name, CheckOutcome.Passed, $"The {noun}'s id is the URL it was fetched from.");
        }
        else
        {
            load.Add(name, CheckOutcome.Failed, $"The {noun}'s id '{Shorten(id)}' is not the URL it was fetched from ({finalUrl}).");
        }
    }

    private static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return false;
        var media = contentType.Split(';')[0].Trim();
        return media.Equals("application/ld+json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    public static string Noun(BadgeDocumentKind kind) => kind switch
    {
        BadgeDocumentKind.Assertion => "assertion",
        BadgeDocumentKind.BadgeClass => "badge class",
        BadgeDocumentKind.Issuer => "issuer profile",
        BadgeDocumentKind.CryptographicKey => "signing key",
        BadgeDocumentKind.RevocationList => "revocation list",
        BadgeDocumentKind.BakedImage => "baked image",
        _ => "document",
    };

    /// <summary>Keeps untrusted text short in messages.</summary>
    public static string Shorten(string? value, int max = 120) =>
        value is null ? "" : value.Length <= max ? value : value[..max] + "…";
}
