namespace MicroCred.OpenBadges.Verification;

public enum CheckOutcome
{
    Passed,
    Failed,
    /// <summary>Not applicable or not possible because an earlier step failed.</summary>
    Skipped,
    /// <summary>Accepted, but not as the specification recommends.</summary>
    Warning,
}

/// <summary>What a failed check means for the verdict.</summary>
public enum CheckCategory
{
    /// <summary>The badge data is missing, malformed, not linked properly or not authentic: Invalid.</summary>
    Integrity,
    /// <summary>The issuer revoked the assertion: Revoked.</summary>
    Revocation,
    /// <summary>The assertion's expiry date has passed: Expired.</summary>
    Expiry,
    /// <summary>Whether the badge names a given person; never changes the verdict.</summary>
    Recipient,
}

/// <summary>One named step of a verification with its outcome and a sentence for people.</summary>
public sealed record VerificationCheck(string Name, CheckOutcome Outcome, string Message, CheckCategory Category = CheckCategory.Integrity);
