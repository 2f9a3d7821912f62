using MicroCred.Domain.Common;

namespace MicroCred.Domain.Recognition;

public enum CreditRequestStatus
{
    Pending,
    Approved,
    Declined,
    /// <summary>The credit was granted, then withdrawn because the badge behind it was revoked. Recorded, never deleted.</summary>
    Rescinded,
}

/// <summary>
/// A teacher asks a recognizer organisation for credit for one verified badge. It belongs to the recognizer's
/// district; the teacher sees their own requests from every organisation on their transcript.
/// Pending ─approve(type, units)▶ Approved (the credit is recorded) or ─decline(reason)▶ Declined;
/// Approved ─rescind(reason)▶ Rescinded when the badge is revoked (the credit granted stays on record, marked withdrawn).
/// </summary>
public sealed class CreditRequest : ITenantOwned
{
    public const int MaxReasonLength = 2000;
    public const int MaxNoteLength = 1000;

    private CreditRequest() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid RequesterId { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public BadgeSnapshot Badge { get; private set; } = default!;
    /// <summary>Copied from <see cref="Badge"/> for lookups: the same badge is not credited twice.</summary>
    public string? AssertionId { get; private set; }
    public string BadgeName { get; private set; } = "";
    public string? IssuerName { get; private set; }
    public List<RuleMatch> Matches { get; private set; } = [];
    public CreditRequestStatus Status { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public string? DeclineReason { get; private set; }

    // The credit, once approved, with the credit type's name and unit as they were then.
    public Guid? CreditTypeId { get; private set; }
    public string? CreditTypeName { get; private set; }
    public string? CreditUnit { get; private set; }
    public decimal? Units { get; private set; }

    public DateTimeOffset? RescindedAt { get; private set; }
    public string? RescissionReason { get; private set; }

    public bool IsPending => Status == CreditRequestStatus.Pending;

    /// <summary>
    /// Files a request for a badge the verifier found valid. Anything else (invalid, revoked, expired) is refused
    /// with the report, so the teacher sees why. The same badge may not be pending or credited twice here.
    /// </summary>
    /// <param name="earlier">This person's earlier requests to this organisation for the same assertion.</param>
    public static CreditRequest Submit(Guid tenantId, Guid requesterId, BadgeSnapshot badge, IReadOnlyList<RuleMatch> matches,
        IReadOnlyList<CreditRequest> earlier, string? note, DateTimeOffset now)
    {
        if (badge.Verdict != SnapshotVerdict.Valid) throw new BadgeNotCreditableException(badge);
        if (earlier.FirstOrDefault(r => r.Status != CreditRequestStatus.Declined && badge.AssertionId is not null && r.AssertionId == badge.AssertionId) is { } open)
        {
            throw new DomainException(open.IsPending
                ? "You have already asked for credit for this badge: the request is waiting for a decision."
                : "This badge has already been credited by this organisation.", "Badge");
        }
        var cleanNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (cleanNote is { Length: > MaxNoteLength }) throw new DomainException($"Keep the note to {MaxNoteLength} characters.", nameof(Note));
        return new CreditRequest
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            RequesterId = requesterId,
            Note = cleanNote,
            SubmittedAt = now,
            Badge = badge,
            AssertionId = badge.AssertionId,
            BadgeName = badge.BadgeName ?? "Badge",
            IssuerName = badge.IssuerName,
            Matches = [.. matches],
            Status = CreditRequestStatus.Pending,
        };
    }

    /// <summary>
    /// Records the credit: this many units of this credit type, granted by this recognizer now, on the badge as
    /// verified again at this moment (<paramref name="reverified"/>): a badge revoked or expired since the request is
    /// refused with its report.
    /// </summary>
    public void Approve(CreditType creditType, decimal units, Guid recognizerId, DateTimeOffset now, BadgeSnapshot? reverified = null)
    {
        EnsurePending();
        if (reverified is not null)
        {
            if (reverified.Verdict != SnapshotVerdict.Valid) throw new BadgeNotCreditableException(reverified);
            // The address the teacher gave could now serve another badge: credit is only for the one requested.
            if (AssertionId is not null && reverified.AssertionId != AssertionId)
                throw new DomainException("The badge found at this address now is not the one credit was requested for. Decline this request; the teacher can ask again with the badge they hold.");
            Badge = reverified;
        }
        if (creditType.TenantId != TenantId) throw new DomainException("Choose one of your own credit types.", nameof(CreditTypeId));
        Units = CreditUnits.Check(units);
        CreditTypeId = creditType.Id;
        CreditTypeName = creditType.Name;
        CreditUnit = creditType.Unit;
        Status = CreditRequestStatus.Approved;
        DecidedAt = now;
        DecidedBy = recognizerId;
    }

    public void Decline(string? reason, Guid recognizerId, DateTimeOffset now)
    {
        EnsurePending();
        DeclineReason = Guard.Required(reason, nameof(DeclineReason), "A reason", MaxReasonLength);
        Status = CreditRequestStatus.Declined;
        DecidedAt = now;
        DecidedBy = recognizerId;
    }

    /// <summary>The badge behind granted credit was revoked: the credit is withdrawn, and stays on record as such.</summary>
    public void Rescind(string? reason, DateTimeOffset now)
    {
        if (Status != CreditRequestStatus.Approved) throw new DomainException("Only granted credit can be rescinded.");
        RescissionReason = Guard.Required(reason, nameof(RescissionReason), "The reason", MaxReasonLength);
        RescindedAt = now;
        Status = CreditRequestStatus.Rescinded;
    }

    private void EnsurePending()
    {
        if (!IsPending) throw new DomainException($"This request was already {Status.ToString().ToLowerInvariant()}.");
    }
}

/// <summary>The badge did not verify as valid, so no credit can be asked for it; <see cref="Badge"/> says why.</summary>
public sealed class BadgeNotCreditableException(BadgeSnapshot badge) : DomainException(Explain(badge), "Badge")
{
    public BadgeSnapshot Badge { get; } = badge;

    private static string Explain(BadgeSnapshot badge) => badge.Verdict switch
    {
        SnapshotVerdict.Revoked => "This badge was revoked by its issuer, so it cannot earn credit"
            + (badge.RevocationReason is { } reason ? $": {reason}" : "."),
        SnapshotVerdict.Expired => "This badge has expired, so it cannot earn credit.",
        _ => "This badge could not be verified, so it cannot earn credit: "
             + (badge.Checks.FirstOrDefault(c => c.Outcome == "Failed")?.Message ?? "a required check failed."),
    };
}
