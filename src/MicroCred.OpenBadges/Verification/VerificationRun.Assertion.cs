using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges.Verification;

/// <summary>Checks shared by hosted and signed assertions.</summary>
internal sealed partial class VerificationRun
{
    /// <summary>The VerificationObject; the context also maps the 1.x name <c>verify</c> to it.</summary>
    public static JsonObject? VerificationOf(JsonObject assertion) =>
        assertion["verification"] as JsonObject ?? assertion["verify"] as JsonObject;

    public static bool IsMarkedRevoked(JsonObject? assertion) => BadgeJson.Boolean(assertion, "revoked") == true;

    /// <summary>Records the revocation an assertion body declares (410 Gone body or <c>revoked: true</c>).</summary>
    public void RecordRevocation(JsonObject? body, string how)
    {
        var reason = BadgeJson.String(body, "revocationReason");
        RevocationReason = reason;
        Fail(CheckNames.Revocation,
            string.IsNullOrWhiteSpace(reason) ? $"The issuer has revoked this assertion ({how})." : $"The issuer has revoked this assertion ({how}): {Shorten(reason, 500)}",
            CheckCategory.Revocation);
    }

    /// <summary>Checks the signed payload's context and type; false when it is not an Assertion at all.</summary>
    public bool CheckAssertionContextAndType(JsonObject assertion)
    {
        var load = new DocumentLoad();
        CheckContext(load, CheckNames.AssertionContext, "assertion", assertion);
        CheckType(load, CheckNames.AssertionType, "assertion", assertion, BadgeObjectType.Assertion, "Assertion");
        Record(load);
        return IsAssertion(assertion);
    }

    /// <summary>
    /// A document that is not an Assertion (a badge class or issuer URL pasted by mistake, say) is not
    /// checked further: the remaining checks would only repeat that.
    /// </summary>
    public bool IsAssertion(JsonObject document)
    {
        if (BadgeObjectType.Matches(document["type"], BadgeObjectType.Assertion)) return true;
        Skip(CheckNames.AssertionProperties, "The remaining checks were not run: the document is not an Open Badges assertion.");
        return false;
    }

    public void CheckAssertionProperties(JsonObject assertion)
    {
        var problems = new List<string>();
        if (BadgeJson.String(assertion, "id") is null) problems.Add("id");
        if (assertion["recipient"] is not JsonObject recipient)
        {
            problems.Add("recipient");
        }
        else
        {
            if (BadgeJson.String(recipient, "type") is null) problems.Add("recipient.type");
            if (BadgeJson.String(recipient, "identity") is null) problems.Add("recipient.identity");
            if (recipient.ContainsKey("hashed") && BadgeJson.Boolean(recipient, "hashed") is null) problems.Add("recipient.hashed (must be true or false)");
        }
        if (BadgeJson.IdOf(assertion["badge"]) is null && assertion["badge"] is not JsonObject) problems.Add("badge");
        if (VerificationOf(assertion) is not { } verification || BadgeJson.Strings(verification["type"]).Count == 0) problems.Add("verification.type");
        if (BadgeJson.String(assertion, "issuedOn") is null) problems.Add("issuedOn");

        if (problems.Count == 0) Pass(CheckNames.AssertionProperties, "The assertion has every required property.");
        else Fail(CheckNames.AssertionProperties, "The assertion is missing or has malformed required properties: " + string.Join(", ", problems) + ".");
    }

    public void CheckVerificationMethod(JsonObject assertion, VerificationMethod presented)
    {
        var type = VerificationOf(assertion)?["type"];
        var declared = BadgeObjectType.Matches(type, BadgeObjectType.HostedBadge) ? VerificationMethod.Hosted
            : BadgeObjectType.Matches(type, BadgeObjectType.SignedBadge) ? VerificationMethod.Signed
            : (VerificationMethod?)null;

        if (declared == presented)
        {
            Pass(CheckNames.VerificationMethod, presented == VerificationMethod.Hosted
                ? "The assertion uses hosted verification."
                : "The assertion uses signed verification.");
        }
        else if (declared is null)
        {
            Fail(CheckNames.VerificationMethod, $"The assertion's verification type '{string.Join(", ", BadgeJson.Strings(type))}' is neither HostedBadge nor SignedBadge.");
        }
        else if (declared == VerificationMethod.Signed)
        {
            Fail(CheckNames.VerificationMethod, "The assertion declares signed verification, so it can only be verified from its signed form (the JWS), not as plain JSON.");
        }
        else
        {
            Fail(CheckNames.VerificationMethod, "The signed payload declares hosted verification; a signed badge must declare SignedBadge.");
        }
    }

    /// <summary>Loads the BadgeClass (by URL, or embedded) and the issuer Profile it names. False when either is unusable.</summary>
    public async Task<bool> LoadBadgeClassAndIssuerAsync(JsonObject assertion)
    {
        var badgeNode = assertion["badge"];
        var badgeId = BadgeJson.IdOf(badgeNode);
        if (badgeNode is JsonObject embedded && HttpUrl(badgeId) is null)
        {
            // An ephemeral BadgeClass (for example urn:uuid) has nowhere to be fetched from; the
            // specification allows this for signed assertions.
            var load = new DocumentLoad();
            load.Add(CheckNames.BadgeClassFetched, CheckOutcome.Skipped,
                $"The badge class is embedded in the assertion{(badgeId is null ? "" : $" with id {Shorten(badgeId)}")} and has no URL to fetch; the embedded copy is used.");
            CheckType(load, CheckNames.BadgeClassType, "badge class", embedded, BadgeObjectType.BadgeClass, "BadgeClass");
            Record(load);
            BadgeClass = embedded;
        }
        else if (badgeId is null)
        {
            Fail(CheckNames.BadgeClassFetched, "The assertion does not say which badge class it awards.");
            return false;
        }
        else
        {
            // An embedded BadgeClass with an http id is read from that id: the hosted copy is the one its owner vouches for.
            var load = await LoadAsync(BadgeDocumentKind.BadgeClass, "badge-class", badgeId, BadgeObjectType.BadgeClass, "BadgeClass").ConfigureAwait(false);
            Record(load);
            if (load.Document is null) return false;
            BadgeClass = load.Document;
        }
        CheckRequired(CheckNames.BadgeClassProperties, "badge class", BadgeClass, ["name", "description", "image", "criteria", "issuer"]);

        // The issuer is always read from its own URL: trust in the verification scope and in signing keys
        // comes from what the issuer publishes there, never from a copy embedded by someone else.
        var issuerId = BadgeJson.IdOf(BadgeClass["issuer"]);
        if (HttpUrl(issuerId) is null)
        {
            Fail(CheckNames.IssuerFetched, issuerId is null
                ? "The badge class does not name its issuer."
                : $"The badge class's issuer id '{Shorten(issuerId)}' is not an http or https URL, so the issuer profile cannot be fetched and trusted.");
            return false;
        }
        var issuerLoad = await LoadAsync(BadgeDocumentKind.Issuer, "issuer", issuerId!, BadgeObjectType.Issuer, "Issuer or Profile").ConfigureAwait(false);
        Record(issuerLoad);
        if (issuerLoad.Document is null) return false;
        Issuer = issuerLoad.Document;
        CheckRequired(CheckNames.IssuerProperties, "issuer profile", Issuer, ["name", "url", "email"]);
        return !issuerLoad.Failed;
    }

    private void CheckRequired(string name, string noun, JsonObject document, string[] properties)
    {
        var missing = properties.Where(p => document[p] is null || (document[p] is JsonValue v && v.TryGetValue(out string? s) && string.IsNullOrWhiteSpace(s))).ToList();
        if (missing.Count == 0) Pass(name, $"The {noun} has every required property.");
        else Fail(name, $"The {noun} is missing required properties: {string.Join(", ", missing)}.");
    }

    public void CheckDates(JsonObject assertion)
    {
        var issuedText = BadgeJson.String(assertion, "issuedOn");
        if (issuedText is null)
        {
            Fail(CheckNames.IssuedOn, "The assertion has no issuedOn date.");
        }
        else if (!BadgeTimestamp.TryParse(issuedText, out var issuedOn))
        {
            Fail(CheckNames.IssuedOn, $"issuedOn '{Shorten(issuedText)}' is not an ISO 8601 date-time with a time zone.");
        }
        else if (issuedOn > now + clockSkew)
        {
            Fail(CheckNames.IssuedOn, $"issuedOn {BadgeTimestamp.Format(issuedOn)} is in the future.");
        }
        else
        {
            Pass(CheckNames.IssuedOn, $"Issued on {BadgeTimestamp.Format(issuedOn)}.");
        }

        if (!assertion.ContainsKey("expires"))
        {
            Pass(CheckNames.Expiry, "The assertion does not expire.", CheckCategory.Expiry);
            return;
        }
        var expiresText = BadgeJson.String(assertion, "expires");
        if (!BadgeTimestamp.TryParse(expiresText, out var expires))
        {
            Fail(CheckNames.Expiry, $"expires '{Shorten(expiresText)}' is not an ISO 8601 date-time with a time zone.");
        }
        else if (expires <= now)
        {
            Fail(CheckNames.Expiry, $"The assertion expired on {BadgeTimestamp.Format(expires)}.", CheckCategory.Expiry);
        }
        else
        {
            Pass(CheckNames.Expiry, $"The assertion is valid until {BadgeTimestamp.Format(expires)}.", CheckCategory.Expiry);
        }
    }

    public void CheckRecipient(JsonObject assertion, string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            Skip(CheckNames.Recipient, "No email address was given to compare with the recipient.", CheckCategory.Recipient);
            return;
        }
        var recipient = Recipient.FromJson(assertion["recipient"]);
        if (recipient is null)
        {
            RecipientMatches = false;
            Fail(CheckNames.Recipient, "The assertion has no readable recipient to compare with.", CheckCategory.Recipient);
        }
        else if (recipient.Type != Recipient.EmailType)
        {
            RecipientMatches = false;
            Fail(CheckNames.Recipient, $"The recipient is identified by '{Shorten(recipient.Type)}', not by email, so an email address cannot be matched.", CheckCategory.Recipient);
        }
        else if (recipient.Matches(email))
        {
            RecipientMatches = true;
            Pass(CheckNames.Recipient, $"The badge was awarded to {email.Trim()}.", CheckCategory.Recipient);
        }
        else
        {
            RecipientMatches = false;
            Fail(CheckNames.Recipient, $"The badge was not awarded to {email.Trim()}.", CheckCategory.Recipient);
        }
    }
}
