using MicroCred.Application.Common;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// The stable public URLs of every Open Badges document, on the public base URL (<see cref="ILinkBuilder"/>).
/// A document's <c>id</c> is always one of these, and a GET of it returns the document.
/// </summary>
public sealed class BadgeLinks(ILinkBuilder links)
{
    public string Issuer(Guid districtId) => links.Absolute($"/public/issuers/{districtId}");
    public string RevocationList(Guid districtId) => links.Absolute($"/public/issuers/{districtId}/revocations");
    /// <summary>The BadgeClass of a published credential version, or of a stack's own badge.</summary>
    public string BadgeClass(Guid versionOrStackId) => links.Absolute($"/public/badges/{versionOrStackId}");
    public string BadgeImage(Guid versionOrStackId) => links.Absolute($"/public/badges/{versionOrStackId}/image");
    private const string AssertionsPath = "/public/assertions/";
    public string Assertion(Guid assertionId) => links.Absolute($"{AssertionsPath}{assertionId}");
    /// <summary>The assertion id behind one of this platform's assertion URLs, or null for any other URL.</summary>
    public Guid? AssertionIdOf(string url)
    {
        var prefix = links.Absolute(AssertionsPath);
        return url.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParseExact(url.AsSpan(prefix.Length), "D", out var id) ? id : null;
    }

    public string AssertionJson(Guid assertionId) => links.Absolute($"/public/assertions/{assertionId}.json");
    /// <summary>The baked PNG (the assertion's <c>image</c>).</summary>
    public string BakedPng(Guid assertionId) => links.Absolute($"/public/assertions/{assertionId}/image");
    public string BakedSvg(Guid assertionId) => links.Absolute($"/public/assertions/{assertionId}/image.svg");
    public string Key(Guid keyId) => links.Absolute($"/public/keys/{keyId}");
    /// <summary>The credential's public page: the BadgeClass criteria, the same for every version.</summary>
    public string CredentialPage(string districtSlug, Guid credentialId) => links.Absolute($"/{districtSlug}/credentials/{credentialId}");
    public string StackPage(string districtSlug, Guid stackId) => links.Absolute($"/{districtSlug}/stacks/{stackId}");
    /// <summary>The district's home on the platform, the issuer's <c>url</c> when it has no website of its own.</summary>
    public string DistrictHome(string districtSlug) => links.Absolute($"/{districtSlug}/catalog");
    public Uri BaseUrl => links.BaseUrl;
}
