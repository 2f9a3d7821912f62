using System.Text;
using System.Text.Json.Nodes;
using MicroCred.Domain.Design;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Documents;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// Builds the Open Badges 2.0 documents of a district from its rows (docs/architecture.md): every id is the URL the app
/// serves the document at, dates are UTC with <c>Z</c>, the recipient is the salted hash only, and the BadgeClass
/// criteria is the credential's public page (the same for every version).
/// </summary>
public static class BadgeDocuments
{
    public static IssuerProfile Issuer(District district, IEnumerable<Guid> keyIds, BadgeLinks links) => new()
    {
        Id = links.Issuer(district.Id),
        Name = district.IssuerName,
        Url = district.Website ?? links.DistrictHome(district.Slug),
        Email = district.ContactEmail,
        Description = $"{district.Name} issues micro-credentials for educators on MicroCred.",
        PublicKeys = [.. keyIds.Select(links.Key)],
        RevocationList = links.RevocationList(district.Id),
        // Every hosted assertion of this issuer lives under this prefix, on the issuer's own origin.
        StartsWith = [links.Assertion(Guid.Empty)[..^Guid.Empty.ToString().Length]],
    };

    public static CryptographicKeyDocument Key(IssuerKey key, BadgeLinks links) =>
        new(links.Key(key.Id), links.Issuer(key.TenantId), key.PublicKeyPem);

    public static RevocationListDocument RevocationList(Guid districtId, IEnumerable<(Guid Id, string? Reason)> revoked, BadgeLinks links) =>
        new(links.RevocationList(districtId), links.Issuer(districtId), [.. revoked.Select(r => new RevokedAssertion(links.Assertion(r.Id), r.Reason))]);

    public static BadgeClassDocument CredentialBadge(CredentialVersion version, string districtSlug, BadgeLinks links)
    {
        var content = version.Content;
        return new BadgeClassDocument
        {
            Id = links.BadgeClass(version.Id),
            Name = content.Name,
            Description = FirstText(content.ShortDescription, content.Competency, content.Name),
            Image = links.BadgeImage(version.Id),
            Criteria = new BadgeCriteria(links.CredentialPage(districtSlug, version.CredentialId), CriteriaNarrative(content)),
            Issuer = links.Issuer(version.TenantId),
            Alignments = [.. content.Alignments.Where(a => !string.IsNullOrWhiteSpace(a.Url))
                .Select(a => new BadgeAlignment(a.Name, a.Url!, a.Description, a.Framework, a.Code))],
            Tags = version.Tags,
        };
    }

    public static BadgeClassDocument StackBadge(Stack stack, string districtSlug, IReadOnlyList<string> credentialNames, BadgeLinks links) => new()
    {
        Id = links.BadgeClass(stack.Id),
        Name = stack.Name,
        Description = FirstText(stack.Description, stack.Name),
        Image = links.BadgeImage(stack.Id),
        Criteria = new BadgeCriteria(links.StackPage(districtSlug, stack.Id),
            $"Earn every micro-credential of this stack{(stack.Sequential ? ", in order" : "")}: {string.Join(", ", credentialNames)}."),
        Issuer = links.Issuer(stack.TenantId),
    };

    /// <param name="asSigned">The document a signed badge's JWS carries: the assertion as issued, without revocation.</param>
    public static AssertionDocument Assertion(Assertion assertion, BadgeLinks links, bool asSigned = false) => new()
    {
        Id = links.Assertion(assertion.Id),
        Recipient = new Recipient(Recipient.EmailType, assertion.IdentityHash, Hashed: true, assertion.Salt),
        Badge = links.BadgeClass(assertion.CredentialVersionId ?? assertion.StackId!.Value),
        Verification = assertion.IsSigned ? AssertionVerification.SignedBy(links.Key(assertion.SigningKeyId!.Value)) : AssertionVerification.Hosted,
        IssuedOn = assertion.IssuedOn,
        Expires = assertion.Expires,
        Evidence = [.. assertion.EvidenceUrl is null ? [] : new[] { new BadgeEvidence(assertion.EvidenceUrl) }, .. BasisEvidence(assertion.Basis)],
        Narrative = Narrative(assertion),
        Image = links.BakedPng(assertion.Id),
        Revoked = assertion.IsRevoked && !asSigned,
        RevocationReason = asSigned ? null : assertion.RevocationReason,
    };

    /// <summary>
    /// A badge not earned through assessment says so first in its narrative (a recognizer reading the document sees it
    /// before the issuer's own words), and again as an evidence entry naming its basis: both plain Open Badges 2.0.
    /// </summary>
    public static string? Narrative(Assertion assertion) =>
        assertion.Basis.Explanation() is { } basis ? assertion.Narrative is { } own ? $"{basis}\n\n{own}" : basis : assertion.Narrative;

    public static IEnumerable<BadgeEvidence> BasisEvidence(AwardBasis basis) =>
        basis.Explanation() is { } text ? [new BadgeEvidence(Name: basis.Label(), Narrative: text, Genre: BasisGenre)] : [];

    /// <summary>The evidence genre that marks the basis of a badge not assessed on this platform.</summary>
    public const string BasisGenre = "Basis of award";

    /// <summary>
    /// What is baked into images: the assertion JSON of a hosted badge; for a signed one, its compact JWS, signed by
    /// <paramref name="sign"/> over the document as issued.
    /// </summary>
    public static string BakedPayload(Assertion assertion, BadgeLinks links, Func<JsonObject, string> sign) =>
        assertion.IsSigned ? sign(Assertion(assertion, links, asSigned: true).ToJson()) : BadgeJson.Serialize(Assertion(assertion, links).ToJson());

    /// <summary>The criteria in words (Markdown): the competency, the evidence asked for and how the rubric decides.</summary>
    public static string CriteriaNarrative(CredentialContent content)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(content.Competency)) text.Append(content.Competency.Trim()).Append("\n\n");
        if (content.Prompts.Count > 0)
            text.Append("**Evidence:** ").Append(string.Join("; ", content.Prompts.Select(p => p.Title.Trim()))).Append(".\n\n");
        var rubric = content.Rubric;
        if (rubric.Criteria.Count > 0)
        {
            text.Append("**Rubric:** ").Append(string.Join("; ", rubric.Criteria.Select(c => c.Title.Trim())))
                .Append(", each scored ").Append(string.Join(" / ", rubric.Levels.Select(l => l.Name))).Append('.');
            if (rubric.PassingLevel is { } passing)
            {
                text.Append(" Earned when every criterion reaches ").Append(passing.Name);
                if (rubric.Passing!.MinimumTotal is { } total) text.Append(" and the total is at least ").Append(total);
                text.Append('.');
            }
        }
        var narrative = text.ToString().Trim();
        return narrative.Length > 0 ? narrative : content.Name;
    }

    private static string FirstText(params string?[] candidates) =>
        candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))?.Trim() ?? "";
}
