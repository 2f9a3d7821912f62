using MicroCred.Domain.Common;

namespace MicroCred.Domain.Issuing;

/// <summary>
/// The link that lets someone outside the district take a badge issued to their email into their backpack. Only the
/// SHA-256 of the link's token is kept; the link works once and expires. Claiming never makes them a member.
/// Waiting ─claim▶ Claimed; Waiting ─time▶ Expired (the Issuer can send a new link).
/// </summary>
public sealed class BadgeClaim : ITenantOwned
{
    public const int ValidDays = 30;

    private BadgeClaim() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid AssertionId { get; private set; }
    public string Email { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    /// <summary>False when the district's daily cap of emails to people outside it held the link back.</summary>
    public bool Emailed { get; private set; }
    public DateTimeOffset? ClaimedAt { get; private set; }
    public Guid? ClaimedBy { get; private set; }

    public static BadgeClaim Open(Guid tenantId, Guid assertionId, string email, string tokenHash, bool emailed, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        AssertionId = assertionId,
        Email = Guard.Email(email, "Email", "The recipient's email"),
        TokenHash = tokenHash,
        CreatedAt = now,
        ExpiresAt = now.AddDays(ValidDays),
        Emailed = emailed,
    };

    public bool IsOpenAt(DateTimeOffset now) => ClaimedAt is null && ExpiresAt > now;

    /// <summary>Uses the link; the badge itself checks the email (<see cref="Assertion.ClaimBy"/>).</summary>
    public void Use(Guid userId, DateTimeOffset now)
    {
        if (ClaimedAt is not null) throw new DomainException("This link has already been used to claim the badge.");
        if (ExpiresAt <= now) throw new DomainException("This link has expired. Ask the district that issued the badge for a new one.");
        ClaimedAt = now;
        ClaimedBy = userId;
    }
}
