using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges.Verification;

public enum BadgeVerdict
{
    Valid,
    Revoked,
    Expired,
    Invalid,
}

public enum VerificationMethod
{
    Hosted,
    Signed,
}

/// <summary>The result of verifying one badge: a verdict, the checks behind it, and the documents found.</summary>
public sealed class VerificationReport
{
    internal VerificationReport(IReadOnlyList<VerificationCheck> checks)
    {
        Checks = checks;
        Verdict = Decide(checks);
    }

    public BadgeVerdict Verdict { get; }
    /// <summary>Every check in the order it ran.</summary>
    public IReadOnlyList<VerificationCheck> Checks { get; }
    public VerificationMethod? Method { get; internal init; }

    /// <summary>The assertion as verified: the hosted copy for hosted badges, the JWS payload for signed ones.</summary>
    public JsonObject? Assertion { get; internal init; }
    public JsonObject? BadgeClass { get; internal init; }
    public JsonObject? Issuer { get; internal init; }

    /// <summary>Whether the email given names the recipient; null when no email was given.</summary>
    public bool? RecipientMatches { get; internal init; }
    /// <summary>The issuer's published reason, when the assertion is revoked and a reason was given.</summary>
    public string? RevocationReason { get; internal init; }

    public string? AssertionId => BadgeJson.String(Assertion, "id");
    public string? BadgeName => BadgeJson.String(BadgeClass, "name");
    /// <summary>The BadgeClass id (its URL for hosted badge classes).</summary>
    public string? BadgeClassId => BadgeJson.String(BadgeClass, "id");
    /// <summary>The BadgeClass criteria's id: an IRI, or the <c>id</c> of an embedded Criteria object.</summary>
    public string? CriteriaId => BadgeJson.IdOf(BadgeClass?["criteria"]);
    public string? BadgeDescription => BadgeJson.String(BadgeClass, "description");
    /// <summary>The BadgeClass image URL (or data URI); the image property may be a string or an Image object.</summary>
    public string? BadgeImage => BadgeJson.IdOf(BadgeClass?["image"]);
    public string? IssuerName => BadgeJson.String(Issuer, "name");
    public string? IssuerUrl => BadgeJson.String(Issuer, "url");
    public DateTimeOffset? IssuedOn => BadgeTimestamp.TryParse(BadgeJson.String(Assertion, "issuedOn"), out var at) ? at : null;
    public DateTimeOffset? Expires => BadgeTimestamp.TryParse(BadgeJson.String(Assertion, "expires"), out var at) ? at : null;

    /// <summary>The first check with this name, or null.</summary>
    public VerificationCheck? Check(string name) => Checks.FirstOrDefault(c => c.Name == name);

    /// <summary>
    /// Invalid if any integrity check failed; otherwise Revoked if a revocation check failed; otherwise
    /// Expired if the expiry check failed; otherwise Valid. No checks at all is Invalid. Warnings, skipped checks and the recipient
    /// check never change the verdict.
    /// </summary>
    public static BadgeVerdict Decide(IEnumerable<VerificationCheck> checks)
    {
        var list = checks.ToList();
        if (list.Count == 0) return BadgeVerdict.Invalid; // nothing was verified
        var failed = list.Where(c => c.Outcome == CheckOutcome.Failed).Select(c => c.Category).ToHashSet();
        if (failed.Contains(CheckCategory.Integrity)) return BadgeVerdict.Invalid;
        if (failed.Contains(CheckCategory.Revocation)) return BadgeVerdict.Revoked;
        if (failed.Contains(CheckCategory.Expiry)) return BadgeVerdict.Expired;
        return BadgeVerdict.Valid;
    }
}
