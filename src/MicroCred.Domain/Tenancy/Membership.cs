using MicroCred.Domain.Common;

namespace MicroCred.Domain.Tenancy;

/// <summary>A person's place in one district: which roles they hold there.</summary>
public sealed class Membership : ITenantOwned
{
    private Membership() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid UserId { get; private set; }
    public DistrictRole Roles { get; private set; }
    public DateTimeOffset JoinedAt { get; private set; }
    /// <summary>The member's school, from the district's list (for the same-school conflict rule); null until they pick one.</summary>
    public Guid? SchoolId { get; private set; }

    public static Membership Join(Guid tenantId, Guid userId, DistrictRole roles, DateTimeOffset now)
    {
        if (roles == DistrictRole.None) throw new DomainException("Choose at least one role.", nameof(Roles));
        return new() { Id = Guid.CreateVersion7(now), TenantId = tenantId, UserId = userId, Roles = roles, JoinedAt = now };
    }

    /// <summary>Picks (or clears) the member's school; the caller checks it is one of the district's schools.</summary>
    public void AttendSchool(Guid? schoolId) => SchoolId = schoolId;

    public bool Has(DistrictRole role) => (Roles & role) == role;

    /// <summary>Adds roles from a further invitation; never takes roles away.</summary>
    public void Grant(DistrictRole roles) => Roles |= roles;

    /// <param name="otherAdmins">How many other members of the district are Admins: a district always keeps one.</param>
    public void ChangeRoles(DistrictRole roles, int otherAdmins)
    {
        if (roles == DistrictRole.None) throw new DomainException("Choose at least one role, or remove the member instead.", nameof(Roles));
        if (Has(DistrictRole.Admin) && !roles.HasFlag(DistrictRole.Admin) && otherAdmins == 0)
            throw new DomainException("A district needs at least one Admin: make someone else Admin first.", nameof(Roles));
        Roles = roles;
    }

    public void EnsureCanLeave(int otherAdmins)
    {
        if (Has(DistrictRole.Admin) && otherAdmins == 0)
            throw new DomainException("This is the district's last Admin: make someone else Admin before removing them.");
    }
}
