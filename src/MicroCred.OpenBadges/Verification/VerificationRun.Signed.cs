using System.Text.Json.Nodes;
using MicroCred.OpenBadges.Baking;
using MicroCred.OpenBadges.Signing;

namespace MicroCred.OpenBadges.Verification;

/// <summary>Signed verification: a JWS whose key the issuer profile vouches for, plus the issuer's revocation list.</summary>
internal sealed partial class VerificationRun
{
    /// <summary>Most keys tried when the assertion does not name its signing key.</summary>
    private const int MaxCandidateKeys = 5;

    public async Task VerifySignedAsync(string text, string? email)
    {
        Method = VerificationMethod.Signed;
        if (!CompactJws.TryParse(text, out var jws, out var problem))
        {
            Fail(CheckNames.JwsFormat, $"The signed badge is not a compact JWS: {problem}.");
            return;
        }
        Pass(CheckNames.JwsFormat, "The signed badge is a well-formed compact JWS.");

        var algorithmOk = jws!.Algorithm == SignedBadge.Algorithm && !jws.Header.ContainsKey("crit");
        if (algorithmOk) Pass(CheckNames.SignatureAlgorithm, "The JWS is signed with RS256.");
        else if (jws.Header.ContainsKey("crit")) Fail(CheckNames.SignatureAlgorithm, "The JWS header declares critical extensions, which this verifier does not support.");
        else Fail(CheckNames.SignatureAlgorithm, $"The JWS algorithm is '{Shorten(jws.Algorithm ?? "(none)", 20)}'; signed Open Badges are verified with RS256.");

        var payloadLoad = new DocumentLoad();
        var assertion = ParseBody(payloadLoad, CheckNames.AssertionJson, "signed assertion", jws.PayloadBytes);
        Record(payloadLoad);
        if (assertion is null) return;
        Assertion = assertion;
        if (!CheckAssertionContextAndType(assertion)) return;
        if (IsMarkedRevoked(assertion))
        {
            RecordRevocation(assertion, "the signed assertion says revoked: true");
            return;
        }
        CheckAssertionProperties(assertion);
        CheckVerificationMethod(assertion, VerificationMethod.Signed);

        if (await LoadBadgeClassAndIssuerAsync(assertion).ConfigureAwait(false) && Issuer is not null)
        {
            await CheckKeyAndSignatureAsync(jws, assertion, Issuer, algorithmOk).ConfigureAwait(false);
            await CheckRevocationListAsync(assertion, Issuer).ConfigureAwait(false);
        }
        else
        {
            Skip(CheckNames.Signature, "The signature could not be checked without the issuer profile that lists the signing key.");
            Skip(CheckNames.Revocation, "The revocation list could not be checked without the issuer profile.", CheckCategory.Revocation);
        }

        CheckDates(assertion);
        CheckRecipient(assertion, email);
    }

    /// <summary>
    /// A signed assertion fetched from its URL: the signed badge (JWS) baked into the image it names is verified, and
    /// must be the same assertion (same id) as the one served at the URL.
    /// </summary>
    public async Task VerifySignedFromImageAsync(JsonObject hosted, string? email)
    {
        Method = VerificationMethod.Signed;
        Assertion = hosted;
        var hostedId = BadgeJson.String(hosted, "id");
        var imageUrl = HttpUrl(BadgeJson.IdOf(hosted["image"]));
        if (imageUrl is null)
        {
            Fail(CheckNames.VerificationMethod, "The assertion declares signed verification, so it can only be verified from its signed form (the JWS), " +
                "and it names no baked image (image) that carries it. Verify the signed badge or its baked image instead.");
            return;
        }

        FetchedDocument response;
        try
        {
            response = await fetcher.FetchAsync(imageUrl, BadgeDocumentKind.BakedImage, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            response = FetchedDocument.Failed(imageUrl, ex.Message);
        }
        if (response.Error is not null || response.StatusCode is < 200 or > 299)
        {
            Fail(CheckNames.BakedImage, $"The assertion declares signed verification, and its baked image, which should carry the signed badge, " +
                $"could not be fetched from {Shorten(imageUrl.ToString())}: {response.Error ?? "HTTP " + response.StatusCode}.");
            return;
        }

        BakedPayload? payload;
        try
        {
            payload = BadgeImageSniffer.Detect(response.Body) switch
            {
                BadgeImageFormat.Png => PngBadge.Extract(response.Body),
                BadgeImageFormat.Svg => SvgBadge.Extract(response.Body),
                _ => null,
            };
        }
        catch (BadgeImageException)
        {
            payload = null;
        }
        if (payload is not { Kind: BakedPayloadKind.Jws })
        {
            Fail(CheckNames.BakedImage, $"The assertion declares signed verification, but its image {Shorten(imageUrl.ToString())} carries no signed badge (JWS) to verify it from.");
            return;
        }
        Pass(CheckNames.BakedImage, $"The assertion declares signed verification; its image {Shorten(imageUrl.ToString())} carries the signed badge (JWS), verified below.");

        await VerifySignedAsync(payload.Value, email).ConfigureAwait(false);
        var signedId = BadgeJson.String(Assertion, "id");
        if (signedId is not null && signedId == hostedId)
            Pass(CheckNames.BakedMatchesHosted, "The signed badge is the assertion served at this URL.");
        else
            Fail(CheckNames.BakedMatchesHosted, $"The signed badge in the image is another assertion ({Shorten(signedId)}), not {Shorten(hostedId)}.");
    }

    /// <summary>
    /// The key must be listed in the issuer profile's <c>publicKey</c>, be a CryptographicKey served at its
    /// id, and be owned by the issuer; then the signature must verify with its <c>publicKeyPem</c>.
    /// </summary>
    private async Task CheckKeyAndSignatureAsync(CompactJws jws, JsonObject assertion, JsonObject issuer, bool algorithmOk)
    {
        var issuerId = BadgeJson.String(issuer, "id");
        var listed = BadgeJson.IdsOf(issuer["publicKey"]);
        var creator = BadgeJson.IdOf(VerificationOf(assertion)?["creator"]);

        IReadOnlyList<string> candidates;
        if (creator is not null)
        {
            if (!listed.Contains(creator, StringComparer.Ordinal))
            {
                Fail(CheckNames.KeyListed, $"The signing key {Shorten(creator)} is not listed in the issuer profile's publicKey, so the issuer does not vouch for it.");
                Skip(CheckNames.Signature, "The signature was not checked: the key is not trusted.");
                return;
            }
            Pass(CheckNames.KeyListed, $"The signing key {Shorten(creator)} is listed in the issuer profile.");
            candidates = [creator];
        }
        else if (listed.Count == 0)
        {
            Fail(CheckNames.KeyListed, "The assertion does not name its signing key (verification.creator) and the issuer profile lists no publicKey.");
            Skip(CheckNames.Signature, "The signature was not checked: there is no trusted key.");
            return;
        }
        else
        {
            Warn(CheckNames.KeyListed, "The assertion does not name its signing key (verification.creator); the keys the issuer profile lists were tried.");
            candidates = [.. listed.Take(MaxCandidateKeys)];
        }

        var loads = new List<DocumentLoad>();
        foreach (var keyUrl in candidates)
        {
            var load = await LoadAsync(BadgeDocumentKind.CryptographicKey, "key", keyUrl, BadgeObjectType.CryptographicKey, "CryptographicKey").ConfigureAwait(false);
            if (load.Document is { } key)
            {
                var owner = BadgeJson.IdOf(key["owner"]);
                if (owner is not null && owner == issuerId) load.Add(CheckNames.KeyOwner, CheckOutcome.Passed, "The key's owner is the issuer.");
                else load.Add(CheckNames.KeyOwner, CheckOutcome.Failed, $"The key's owner '{Shorten(owner ?? "(none)")}' is not the issuer {Shorten(issuerId)}.");
                if (!load.Failed && algorithmOk) VerifyWithKey(load, jws, key);
            }
            loads.Add(load);
            if (!load.Failed) break;
        }

        // Report the key that verified; if none did, report every attempt.
        var verified = loads.FirstOrDefault(l => !l.Failed);
        if (verified is not null)
        {
            Record(verified);
        }
        else
        {
            foreach (var load in loads) Record(load);
        }
        if (!algorithmOk) Skip(CheckNames.Signature, "The signature was not checked: the algorithm is not RS256.");
        else if (loads.All(l => l.Checks.All(c => c.Name != CheckNames.Signature))) Skip(CheckNames.Signature, "The signature could not be checked without a usable key.");
    }

    private static void VerifyWithKey(DocumentLoad load, CompactJws jws, JsonObject key)
    {
        if (!PublicKeyPem.TryImport(BadgeJson.String(key, "publicKeyPem"), out var rsa, out var problem))
        {
            load.Add(CheckNames.Signature, CheckOutcome.Failed, $"The key's publicKeyPem cannot be used: {problem}.");
            return;
        }
        using (rsa)
        {
            if (SignedBadge.VerifySignature(jws, rsa!))
            {
                load.Add(CheckNames.Signature, CheckOutcome.Passed, $"The signature verifies with the issuer's key ({rsa!.KeySize}-bit RSA).");
                if (rsa.KeySize < SignedBadge.MinimumKeySizeBits)
                {
                    load.Add(CheckNames.Signature, CheckOutcome.Warning, $"The signing key has only {rsa.KeySize} bits; {SignedBadge.MinimumKeySizeBits} or more is recommended.");
                }
            }
            else
            {
                load.Add(CheckNames.Signature, CheckOutcome.Failed, "The signature does not verify with the issuer's key: the badge was altered or signed with another key.");
            }
        }
    }

    /// <summary>Step 7 of signed verification: the assertion id must not be in the issuer's revokedAssertions.</summary>
    private async Task CheckRevocationListAsync(JsonObject assertion, JsonObject issuer)
    {
        var listUrl = BadgeJson.IdOf(issuer["revocationList"]);
        if (listUrl is null)
        {
            Pass(CheckNames.Revocation, "The issuer publishes no revocation list, and the assertion is not marked revoked.", CheckCategory.Revocation);
            return;
        }

        var load = await LoadAsync(BadgeDocumentKind.RevocationList, "revocation-list", listUrl, BadgeObjectType.RevocationList, "RevocationList").ConfigureAwait(false);
        Record(load);
        if (load.Document is null || load.Failed)
        {
            Skip(CheckNames.Revocation, "Whether the issuer revoked the assertion is unknown: its revocation list could not be read.", CheckCategory.Revocation);
            return;
        }

        var id = BadgeJson.String(assertion, "id");
        var uid = BadgeJson.String(assertion, "uid");
        var entries = load.Document["revokedAssertions"] switch
        {
            JsonArray array => array.ToList(),
            JsonNode single => [single],
            null => [],
        };
        foreach (var entry in entries)
        {
            var matches = entry switch
            {
                JsonObject obj => (id is not null && BadgeJson.String(obj, "id") == id) || (uid is not null && BadgeJson.String(obj, "uid") == uid),
                _ => id is not null && BadgeJson.AsString(entry) == id,
            };
            if (matches)
            {
                RecordRevocation(entry as JsonObject, "listed in its revocation list");
                return;
            }
        }
        Pass(CheckNames.Revocation, "The assertion is not on the issuer's revocation list.", CheckCategory.Revocation);
    }
}
