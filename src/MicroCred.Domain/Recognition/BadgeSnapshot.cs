namespace MicroCred.Domain.Recognition;

/// <summary>The verifier's verdict, as the recognizer saw it when the request came in.</summary>
public enum SnapshotVerdict
{
    Valid,
    Revoked,
    Expired,
    Invalid,
}

/// <summary>One check of the verification, as stored with a credit request.</summary>
public sealed record SnapshotCheck(string Name, string Outcome, string Message);

/// <summary>
/// The verification report of the badge a teacher presented, frozen when they asked for credit: every check,
/// and what the issuer's documents said. The recognizer decides on this, and it stays with the decision.
/// </summary>
public sealed record BadgeSnapshot(
    SnapshotVerdict Verdict,
    string SourceKind,
    string Source,
    DateTimeOffset VerifiedAt,
    IReadOnlyList<SnapshotCheck> Checks)
{
    public string? Method { get; init; }
    public string? AssertionId { get; init; }
    public string? BadgeClassId { get; init; }
    public string? CriteriaId { get; init; }
    public string? BadgeName { get; init; }
    public string? BadgeDescription { get; init; }
    public string? IssuerName { get; init; }
    public string? IssuerUrl { get; init; }
    public DateTimeOffset? IssuedOn { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public string? RevocationReason { get; init; }
    /// <summary>Whether the badge names the requester's account email (null when it could not be checked).</summary>
    public bool? RecipientMatches { get; init; }
    /// <summary>
    /// The basis the badge declares when its issuer did not assess it (e.g. "Prior learning recognised", "Migrated from
    /// another system"); null for a badge earned through assessment or one that declares nothing.
    /// </summary>
    public string? NotAssessedBasis { get; init; }
}

/// <summary>A rule that matched the badge when the request came in, with what it offered then.</summary>
public sealed record RuleMatch(Guid RuleId, string DisplayName, Guid CreditTypeId, string CreditTypeName, string Unit, decimal Units);
