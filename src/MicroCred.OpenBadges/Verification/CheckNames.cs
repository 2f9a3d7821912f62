namespace MicroCred.OpenBadges.Verification;

/// <summary>Stable names of the checks a <see cref="VerificationReport"/> can contain, in the order they run.</summary>
public static class CheckNames
{
    /// <summary>The input is a URL, JWS, assertion JSON or image the verifier understands.</summary>
    public const string Input = "input";
    /// <summary>The image is a readable PNG/SVG carrying Open Badges data.</summary>
    public const string BakedImage = "baked-image";
    /// <summary>The JWS is three base64url parts with a JSON header.</summary>
    public const string JwsFormat = "jws-format";
    /// <summary>The JWS header says RS256 and has no critical extensions.</summary>
    public const string SignatureAlgorithm = "signature-algorithm";
    /// <summary>The URL given was not the assertion's id; the assertion at its id was verified instead.</summary>
    public const string AssertionInputUrl = "assertion-input-url";

    public const string AssertionFetched = "assertion-fetched";
    public const string AssertionJson = "assertion-json";
    public const string AssertionContext = "assertion-context";
    public const string AssertionType = "assertion-type";
    /// <summary>Hosted: the assertion's id equals the URL it was fetched from (after redirects).</summary>
    public const string AssertionId = "assertion-id";
    public const string AssertionProperties = "assertion-properties";
    /// <summary>The verification type fits how the badge was presented (hosted URL/JSON or JWS).</summary>
    public const string VerificationMethod = "verification-method";
    /// <summary>Baked hosted JSON says the same as the assertion the issuer hosts.</summary>
    public const string BakedMatchesHosted = "baked-matches-hosted";

    public const string BadgeClassFetched = "badge-class-fetched";
    public const string BadgeClassJson = "badge-class-json";
    public const string BadgeClassContext = "badge-class-context";
    public const string BadgeClassType = "badge-class-type";
    public const string BadgeClassId = "badge-class-id";
    public const string BadgeClassProperties = "badge-class-properties";

    public const string IssuerFetched = "issuer-fetched";
    public const string IssuerJson = "issuer-json";
    public const string IssuerContext = "issuer-context";
    public const string IssuerType = "issuer-type";
    public const string IssuerId = "issuer-id";
    public const string IssuerProperties = "issuer-properties";

    /// <summary>Hosted: the assertion id is within the issuer's verification scope (origin / allowedOrigins / startsWith).</summary>
    public const string VerificationScope = "verification-scope";

    /// <summary>Signed: the signing key is listed in the issuer's publicKey.</summary>
    public const string KeyListed = "key-listed";
    public const string KeyFetched = "key-fetched";
    public const string KeyJson = "key-json";
    public const string KeyContext = "key-context";
    public const string KeyType = "key-type";
    public const string KeyId = "key-id";
    /// <summary>Signed: the key's owner is the issuer.</summary>
    public const string KeyOwner = "key-owner";
    /// <summary>Signed: the JWS signature verifies with the key.</summary>
    public const string Signature = "signature";

    public const string RevocationListFetched = "revocation-list-fetched";
    public const string RevocationListJson = "revocation-list-json";
    public const string RevocationListContext = "revocation-list-context";
    public const string RevocationListType = "revocation-list-type";
    public const string RevocationListId = "revocation-list-id";

    /// <summary>The issuer has not revoked the assertion (410 Gone, revoked: true, or the revocation list).</summary>
    public const string Revocation = "revocation";
    public const string IssuedOn = "issued-on";
    public const string Expiry = "expiry";
    /// <summary>The assertion names the email given (only when one was given).</summary>
    public const string Recipient = "recipient";

    /// <summary>Suffix of the check that warns when a document is not served as JSON.</summary>
    public const string ContentTypeSuffix = "-content-type";
}
