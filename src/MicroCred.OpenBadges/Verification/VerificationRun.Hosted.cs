using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges.Verification;

/// <summary>Hosted verification: the assertion's id is its URL, and the issuer's host vouches for it.</summary>
internal sealed partial class VerificationRun
{
    /// <param name="url">Where to fetch the assertion.</param>
    /// <param name="followId">
    /// True when <paramref name="url"/> came from the user: it only identifies the assertion, so if the
    /// document there has a different id, the assertion is fetched once more from its id.
    /// </param>
    /// <param name="baked">Assertion JSON baked into an image, compared with the hosted copy.</param>
    /// <param name="bakedVerify">The SVG <c>verify</c> attribute that came with <paramref name="baked"/>.</param>
    public async Task VerifyHostedAsync(string url, bool followId, JsonObject? baked, string? bakedVerify, string? email)
    {
        Method = VerificationMethod.Hosted;
        var load = await LoadAsync(BadgeDocumentKind.Assertion, "assertion", url, BadgeObjectType.Assertion, "Assertion").ConfigureAwait(false);

        var servedId = BadgeJson.String(load.Document, "id");
        if (followId && load.Document is not null && load.StatusCode is >= 200 and <= 299 && !IsMarkedRevoked(load.Document)
            && HttpUrl(servedId) is not null && !SameUrl(servedId!, load.Response!.FinalUrl))
        {
            // The URL given only identifies the assertion; its id is the source of truth. If the id
            // cannot be read either, the first response stands, with its failed id check.
            var atId = await LoadAsync(BadgeDocumentKind.Assertion, "assertion", servedId!, BadgeObjectType.Assertion, "Assertion").ConfigureAwait(false);
            if (atId.Document is not null || atId.StatusCode == 410)
            {
                Warn(CheckNames.AssertionInputUrl, $"{Shorten(url)} serves an assertion whose id is {Shorten(servedId)}; the assertion was fetched again from its id.");
                load = atId;
            }
            else
            {
                var why = atId.Checks.FirstOrDefault(c => c.Outcome == CheckOutcome.Failed)?.Message ?? "it could not be read";
                Warn(CheckNames.AssertionInputUrl, $"{Shorten(url)} serves an assertion whose id is {Shorten(servedId)}, and that id does not serve it: {why}");
            }
        }

        if (load.StatusCode == 410)
        {
            Record(load);
            var body = load.Response!.Body.Length > 0 && BadgeJson.TryParseObject(load.Response.Body, out var parsed, out _) ? parsed : null;
            Assertion = body;
            RecordRevocation(body, "HTTP 410 Gone");
            return;
        }

        // A signed badge's own URL (its share link): the hosted copy cannot vouch for itself, so the badge is verified
        // from its signed form, read out of the baked image the assertion names.
        if (baked is null && load.Document is { } hostedCopy && !IsMarkedRevoked(hostedCopy)
            && BadgeObjectType.Matches(hostedCopy["type"], BadgeObjectType.Assertion)
            && BadgeObjectType.Matches(VerificationOf(hostedCopy)?["type"], BadgeObjectType.SignedBadge))
        {
            Add(load.Checks.Where(c => c.Name is CheckNames.AssertionFetched or CheckNames.AssertionId));
            await VerifySignedFromImageAsync(hostedCopy, email).ConfigureAwait(false);
            return;
        }

        // Only the checks that ran are recorded; the id check belongs after the properties, so hold it back.
        var idCheck = load.Checks.FirstOrDefault(c => c.Name == CheckNames.AssertionId);
        load.Checks.RemoveAll(c => c.Name == CheckNames.AssertionId);
        Record(load);
        if (load.Document is null) return;
        var assertion = load.Document;
        Assertion = assertion;

        if (IsMarkedRevoked(assertion))
        {
            // "If revoked is true, only revoked and id are required properties."
            RecordRevocation(assertion, "the hosted assertion says revoked: true");
            return;
        }

        if (!IsAssertion(assertion)) return;
        CheckAssertionProperties(assertion);
        CheckVerificationMethod(assertion, VerificationMethod.Hosted);
        if (idCheck is not null) Add(idCheck.Name, idCheck.Outcome, idCheck.Message, idCheck.Category);
        if (baked is not null) CompareBaked(baked, bakedVerify, assertion);

        if (await LoadBadgeClassAndIssuerAsync(assertion).ConfigureAwait(false) && Issuer is not null)
        {
            CheckScope(assertion, Issuer);
        }
        else
        {
            Skip(CheckNames.VerificationScope, "The verification scope could not be checked without the issuer profile.");
        }

        Pass(CheckNames.Revocation, "The issuer serves the assertion and does not mark it revoked.", CheckCategory.Revocation);
        CheckDates(assertion);
        CheckRecipient(assertion, email);
    }

    private static bool SameUrl(string id, Uri url) => id == url.OriginalString || id == url.AbsoluteUri;

    /// <summary>
    /// OB 2.0 hosted scope: if the issuer's VerificationObject has <c>startsWith</c>, the assertion id must
    /// start with one of those prefixes; and its host must be one of <c>allowedOrigins</c> (bare host
    /// names) or, when none are declared, the same authority (host and port) as the issuer's id.
    /// </summary>
    private void CheckScope(JsonObject assertion, JsonObject issuer)
    {
        var assertionId = BadgeJson.String(assertion, "id");
        var assertionUrl = HttpUrl(assertionId);
        if (assertionUrl is null)
        {
            Fail(CheckNames.VerificationScope, "A hosted assertion's id must be an http or https URL.");
            return;
        }

        var policy = issuer["verification"] as JsonObject;
        var startsWith = BadgeJson.Strings(policy?["startsWith"]);
        if (startsWith.Count > 0 && !startsWith.Any(prefix => assertionId!.StartsWith(prefix, StringComparison.Ordinal)))
        {
            Fail(CheckNames.VerificationScope, $"The assertion id {assertionId} does not start with any prefix the issuer allows ({string.Join(", ", startsWith.Select(s => Shorten(s)))}).");
            return;
        }

        var allowedOrigins = BadgeJson.Strings(policy?["allowedOrigins"]);
        if (allowedOrigins.Count > 0)
        {
            var allowed = allowedOrigins.Any(origin =>
                origin.Equals(assertionUrl.Host, StringComparison.OrdinalIgnoreCase)
                || origin.Equals(assertionUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
                || origin.Equals(assertionUrl.Authority, StringComparison.OrdinalIgnoreCase));
            if (allowed) Pass(CheckNames.VerificationScope, $"The assertion is hosted on {assertionUrl.Host}, which the issuer lists in allowedOrigins.");
            else Fail(CheckNames.VerificationScope, $"The assertion is hosted on {assertionUrl.Host}, which is not among the issuer's allowedOrigins ({string.Join(", ", allowedOrigins.Select(o => Shorten(o)))}).");
            return;
        }

        var issuerUrl = HttpUrl(BadgeJson.String(issuer, "id"));
        if (issuerUrl is not null && issuerUrl.Authority.Equals(assertionUrl.Authority, StringComparison.OrdinalIgnoreCase))
        {
            Pass(CheckNames.VerificationScope, $"The assertion is hosted on the issuer's own origin ({assertionUrl.Authority}).");
        }
        else
        {
            Fail(CheckNames.VerificationScope,
                $"The assertion is hosted on {assertionUrl.Authority} but the issuer is on {issuerUrl?.Authority ?? "(no http origin)"}, and the issuer does not allow other origins (verification.allowedOrigins).");
        }
    }

    /// <summary>Baked JSON is only a pointer to the hosted assertion; if it says something different, the image was altered.</summary>
    private void CompareBaked(JsonObject baked, string? bakedVerify, JsonObject hosted)
    {
        var differences = new List<string>();
        var hostedId = BadgeJson.String(hosted, "id");
        if (bakedVerify is not null && bakedVerify != hostedId) differences.Add("the SVG verify URL");
        if (BadgeJson.String(baked, "id") != hostedId) differences.Add("id");

        var bakedRecipient = Recipient.FromJson(baked["recipient"]);
        var hostedRecipient = Recipient.FromJson(hosted["recipient"]);
        if (bakedRecipient != hostedRecipient) differences.Add("recipient");

        if (BadgeJson.IdOf(baked["badge"]) != BadgeJson.IdOf(hosted["badge"])) differences.Add("badge");
        if (!SameInstant(baked, hosted, "issuedOn")) differences.Add("issuedOn");
        if (!SameInstant(baked, hosted, "expires")) differences.Add("expires");
        if (!JsonNode.DeepEquals(baked["evidence"], hosted["evidence"])) differences.Add("evidence");
        if (BadgeJson.String(baked, "narrative") != BadgeJson.String(hosted, "narrative")) differences.Add("narrative");

        if (differences.Count == 0)
        {
            Pass(CheckNames.BakedMatchesHosted, "The assertion baked into the image matches the one the issuer hosts.");
        }
        else
        {
            Fail(CheckNames.BakedMatchesHosted,
                $"The assertion baked into the image differs from the one the issuer hosts ({string.Join(", ", differences)}); the image may have been altered.");
        }
    }

    private static bool SameInstant(JsonObject a, JsonObject b, string name)
    {
        var left = BadgeJson.String(a, name);
        var right = BadgeJson.String(b, name);
        if (left == right) return true;
        return BadgeTimestamp.TryParse(left, out var l) && BadgeTimestamp.TryParse(right, out var r) && l == r;
    }
}
