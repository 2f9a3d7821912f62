using System.Security.Cryptography;
using System.Text;
using MicroCred.Domain.Common;

namespace MicroCred.Domain.Issuing;

/// <summary>How third parties verify a badge: at its public URL (hosted) or by the issuer's signature (signed).</summary>
public enum BadgeVerification { Hosted, Signed }

/// <summary>What a badge says about itself at a moment: valid, past its expiry date, or withdrawn by the issuer.</summary>
public enum AssertionStatus { Valid, Expired, Revoked }

/// <summary>
/// Why the district issued a badge. A badge means "a qualified, conflict-free assessor found every rubric criterion
/// met" only when it was earned through assessment (or, for a stack's badge, by holding the stack's badges); a badge
/// issued by hand or imported says so, with its basis, on its page and in its Open Badges document.
/// </summary>
public enum AwardBasis
{
    /// <summary>Awarded on assessed work (a decision on a submission).</summary>
    Assessment,
    /// <summary>A stack's own badge, following from the stack's credentials.</summary>
    Stack,
    /// <summary>Issued by hand: prior learning recognised, not assessed on this platform.</summary>
    PriorLearning,
    /// <summary>Imported from the district's records: migrated from another system, not assessed on this platform.</summary>
    Migrated,
}

public static class AwardBases
{
    /// <summary>Assessed on this platform (directly, or a stack's badge)?</summary>
    public static bool IsAssessed(this AwardBasis basis) => basis is AwardBasis.Assessment or AwardBasis.Stack;

    /// <summary>The basis as a short label, the same on the badge page, in the document and for recognizers.</summary>
    public static string Label(this AwardBasis basis) => basis switch
    {
        AwardBasis.Assessment => "Assessed against the published rubric",
        AwardBasis.Stack => "Earned by holding every micro-credential of the stack",
        AwardBasis.PriorLearning => "Prior learning recognised",
        _ => "Migrated from another system",
    };

    /// <summary>The basis in a sentence, for a badge not earned through assessment here (null when it was).</summary>
    public static string? Explanation(this AwardBasis basis) => basis switch
    {
        AwardBasis.PriorLearning => "Prior learning recognised: the issuer awarded this badge on its own record of the earner's learning; it was not assessed against the rubric on this platform.",
        AwardBasis.Migrated => "Migrated from another system: the issuer imported this badge from its earlier records; it was not assessed against the rubric on this platform.",
        _ => null,
    };
}

/// <summary>
/// Who the badge is awarded to, as the district knows them when it issues: a member (<paramref name="UserId"/>), or
/// only an email address (someone outside the district, who claims the badge with an account of that address).
/// </summary>
public sealed record BadgeRecipient(Guid? UserId, string Email, string Name);

/// <summary>
/// What the badge is for: one published version of a micro-credential (its BadgeClass), or a stack's own badge.
/// <paramref name="ValidityMonths"/> comes from the version's content (null: never expires).
/// </summary>
public sealed record BadgeSubject(Guid? CredentialId, Guid? CredentialVersionId, Guid? StackId, string Name, int? ValidityMonths)
{
    public static BadgeSubject Credential(Guid credentialId, Guid versionId, string name, int? validityMonths) =>
        new(credentialId, versionId, null, name, validityMonths);

    public static BadgeSubject Stack(Guid stackId, string name) => new(null, null, stackId, name, null);
}

/// <summary>
/// One awarded badge (an Open Badges 2.0 Assertion). The recipient is published only as a salted SHA-256 hash of
/// their email with a fresh salt; evidence is linked only when the earner made it public; the teacher's name is shown
/// on the public page only when they allow it. A signed badge names its key; its JWS is made from the published
/// document when served (RS256 signatures are deterministic, so it is the same every time for the same document).
/// Issued ─revoke(reason)▶ Revoked; Issued ─time▶ Expired (still verifiable, and says so).
/// </summary>
public sealed class Assertion : ITenantOwned
{
    public const int MaxNarrative = 5000;
    public const int MaxReason = 500;

    private Assertion() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }

    /// <summary>The account holding the badge; null while a badge issued to an email waits to be claimed.</summary>
    public Guid? RecipientId { get; private set; }
    public bool IsClaimed => RecipientId is not null;
    /// <summary>The address the badge was awarded to. Never published: only its hash is.</summary>
    public string RecipientEmail { get; private set; } = "";
    public string RecipientName { get; private set; } = "";
    /// <summary>The teacher's choice: may the public badge page show their name? Off by default.</summary>
    public bool ShowRecipientName { get; private set; }
    public string Salt { get; private set; } = "";
    /// <summary><c>sha256$</c> + hex(SHA-256(lowercased email + salt)): the Open Badges recipient identity.</summary>
    public string IdentityHash { get; private set; } = "";

    public Guid? CredentialId { get; private set; }
    public Guid? CredentialVersionId { get; private set; }
    public Guid? StackId { get; private set; }
    /// <summary>The badge's name when issued, for lists (the BadgeClass itself is immutable).</summary>
    public string BadgeName { get; private set; } = "";
    /// <summary>The submission the award decided, when it came from one.</summary>
    public Guid? SubmissionId { get; private set; }
    /// <summary>Why it was issued: assessed work, a stack, or (not assessed here) prior learning or a migration.</summary>
    public AwardBasis Basis { get; private set; }

    public DateTimeOffset IssuedOn { get; private set; }
    public DateTimeOffset? Expires { get; private set; }
    public string? EvidenceUrl { get; private set; }
    public string? Narrative { get; private set; }

    public BadgeVerification Verification { get; private set; }
    public Guid? SigningKeyId { get; private set; }

    public Guid? IssuedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevocationReason { get; private set; }
    public Guid? RevokedBy { get; private set; }

    /// <summary>When the earner was emailed that this badge expires soon (null: not yet). Kept so they are told once.</summary>
    public DateTimeOffset? RenewalRemindedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;
    public bool IsSigned => Verification == BadgeVerification.Signed;

    public AssertionStatus StatusAt(DateTimeOffset now) =>
        IsRevoked ? AssertionStatus.Revoked : Expires is { } e && e <= now ? AssertionStatus.Expired : AssertionStatus.Valid;

    /// <summary>
    /// Issues a badge. <paramref name="issuedOn"/> defaults to now and may lie in the past (records earned before the
    /// platform), never in the future; <c>Expires</c> follows the subject's validity period. The basis follows from
    /// what is awarded (a submission: assessment; a stack: the stack); a credential without a submission was not
    /// assessed here and says why (<paramref name="basis"/>: prior learning, the default, or a migration).
    /// </summary>
    public static Assertion Issue(Guid tenantId, BadgeRecipient recipient, BadgeSubject subject, Guid? submissionId,
        string? narrative, string? evidenceUrl, BadgeVerification verification, Guid? signingKeyId, Guid? issuedBy,
        DateTimeOffset now, DateTimeOffset? issuedOn = null, AwardBasis? basis = null)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(subject);
        if ((subject.CredentialVersionId is null) == (subject.StackId is null))
            throw new DomainException("A badge is for one credential version or one stack.");
        if (subject.CredentialVersionId is not null && subject.CredentialId is null)
            throw new DomainException("A credential badge needs its credential.");
        var email = Guard.Email(recipient.Email, "Email", "The recipient's email");
        if (string.IsNullOrWhiteSpace(subject.Name)) throw new DomainException("The badge needs a name.");
        var on = issuedOn ?? now;
        if (on > now.AddMinutes(5)) throw new DomainException("A badge cannot be issued with a date in the future.", "IssuedOn");
        if (subject.ValidityMonths is <= 0) throw new DomainException("A validity period is a positive number of months.");
        if (verification == BadgeVerification.Signed && signingKeyId is null) throw new DomainException("A signed badge needs the issuer's signing key.");
        if (verification == BadgeVerification.Hosted && signingKeyId is not null) throw new DomainException("A hosted badge is not signed.");

        var why = submissionId is not null ? AwardBasis.Assessment : subject.StackId is not null ? AwardBasis.Stack : basis ?? AwardBasis.PriorLearning;
        if ((basis is { } asked && asked != why) || (why == AwardBasis.Assessment && submissionId is null) || (why == AwardBasis.Stack && subject.StackId is null))
            throw new DomainException("A badge is assessed only when it decides a submission; one issued without assessment says why.");

        // Open Badges dates have second precision: keep exactly what is published.
        on = Truncate(on);
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return new Assertion
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            RecipientId = recipient.UserId,
            RecipientEmail = email,
            RecipientName = Guard.Required(recipient.Name, "Name", "The recipient's name", 200),
            Salt = salt,
            IdentityHash = HashEmail(email, salt),
            CredentialId = subject.CredentialId,
            CredentialVersionId = subject.CredentialVersionId,
            StackId = subject.StackId,
            BadgeName = subject.Name.Trim(),
            SubmissionId = submissionId,
            Basis = why,
            IssuedOn = on,
            Expires = subject.ValidityMonths is { } months ? on.AddMonths(months) : null,
            Narrative = Guard.Optional(narrative, "Narrative", "The narrative", MaxNarrative),
            EvidenceUrl = Guard.HttpUrl(evidenceUrl, "EvidenceUrl", "The evidence link"),
            Verification = verification,
            SigningKeyId = signingKeyId,
            IssuedBy = issuedBy,
            CreatedAt = now,
        };
    }

    /// <summary>The issuer withdraws the badge. The reason is published with it, so it is required.</summary>
    public void Revoke(string? reason, Guid? by, DateTimeOffset now)
    {
        if (IsRevoked) throw new DomainException($"This badge was already revoked on {RevokedAt:d MMMM yyyy}.");
        RevocationReason = Guard.Required(reason, "Reason", "The reason for revoking", MaxReason);
        RevokedAt = now;
        RevokedBy = by;
    }

    /// <summary>
    /// Records that the earner is reminded, once, that this badge expires within <paramref name="window"/>. Refused for a
    /// revoked or expired badge, one that never expires or expires later, and one whose earner was already reminded.
    /// </summary>
    public void RemindOfRenewal(TimeSpan window, DateTimeOffset now)
    {
        EnsureNotRevoked();
        if (RenewalRemindedAt is { } sent) throw new DomainException($"The earner was already reminded on {sent:d MMMM yyyy}.");
        if (Expires is not { } expires || expires <= now || expires > now + window)
            throw new DomainException("Only a badge that expires soon needs a renewal reminder.");
        RenewalRemindedAt = now;
    }

    /// <summary>The earner made their evidence public (or changed its link): the badge links it from now on.</summary>
    public void ShareEvidence(string url)
    {
        EnsureNotRevoked();
        EvidenceUrl = Guard.HttpUrl(url, "EvidenceUrl", "The evidence link") ?? throw new DomainException("Give the evidence link.", "EvidenceUrl");
    }

    /// <summary>The earner made their evidence private again: the badge stops linking it.</summary>
    public void HideEvidence() => EvidenceUrl = null;

    /// <summary>
    /// The person the badge was issued to by email claims it: from now on it is in their backpack. Only an account whose
    /// (confirmed) email is the one the badge was issued to may claim it, once.
    /// </summary>
    public void ClaimBy(Guid userId, string? email)
    {
        if (IsClaimed) throw new DomainException("This badge has already been claimed.");
        EnsureNotRevoked();
        if (!IsFor(email)) throw new DomainException("This badge was issued to another email address. Sign in with the account of the address the email was sent to.");
        RecipientId = userId;
    }

    /// <summary>The teacher chooses whether their name appears on the public badge page.</summary>
    public void ShowName(bool show) => ShowRecipientName = show;

    /// <summary>Whether this badge was awarded to <paramref name="email"/> (case and surrounding spaces do not matter).</summary>
    public bool IsFor(string? email) =>
        !string.IsNullOrWhiteSpace(email) && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(HashEmail(email.Trim().ToLowerInvariant(), Salt)), Encoding.ASCII.GetBytes(IdentityHash));

    /// <summary><c>sha256$</c> + lowercase hex of SHA-256 over the UTF-8 bytes of email + salt.</summary>
    public static string HashEmail(string email, string salt) =>
        "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email + salt)));

    private void EnsureNotRevoked()
    {
        if (IsRevoked) throw new DomainException("This badge is revoked.");
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new DateTimeOffset(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
