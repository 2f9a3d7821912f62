using MicroCred.Domain.Common;

namespace MicroCred.Domain.Tenancy;

/// <summary>
/// An Admin's invitation for an email address to join the district with roles. The link carries a random
/// token; only its SHA-256 is stored, so a database reader cannot accept invitations.
/// </summary>
public sealed class Invitation : ITenantOwned
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    private Invitation() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Email { get; private set; } = "";
    public DistrictRole Roles { get; private set; }
    public string TokenHash { get; private set; } = "";
    public Guid InvitedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public Guid? AcceptedBy { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static Invitation Create(Guid tenantId, string email, DistrictRole roles, string tokenHash, Guid invitedBy, DateTimeOffset now)
    {
        if (roles == DistrictRole.None) throw new DomainException("Choose at least one role for the invitation.", nameof(Roles));
        return new()
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            Email = Guard.Email(email, nameof(Email), "Email"),
            Roles = roles,
            TokenHash = tokenHash,
            InvitedBy = invitedBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
    }

    public InvitationStatus StatusAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InvitationStatus.Accepted
        : RevokedAt is not null ? InvitationStatus.Revoked
        : now >= ExpiresAt ? InvitationStatus.Expired
        : InvitationStatus.Pending;

    /// <summary>Refuses, with the reason in words, unless the invitation can still be accepted.</summary>
    public void EnsurePending(DateTimeOffset now)
    {
        switch (StatusAt(now))
        {
            case InvitationStatus.Accepted: throw new DomainException("This invitation has already been used.");
            case InvitationStatus.Revoked: throw new DomainException("This invitation was withdrawn by the district. Ask an Admin for a new one.");
            case InvitationStatus.Expired: throw new DomainException("This invitation has expired. Ask an Admin for a new one.");
        }
    }

    public void Accept(Guid userId, DateTimeOffset now)
    {
        EnsurePending(now);
        AcceptedAt = now;
        AcceptedBy = userId;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (StatusAt(now) != InvitationStatus.Pending) throw new DomainException("Only a pending invitation can be withdrawn.");
        RevokedAt = now;
    }
}

public enum InvitationStatus { Pending, Accepted, Revoked, Expired }
