using MicroCred.Domain.Common;

namespace MicroCred.Domain.Assessment;

/// <summary>
/// One school of the district. The list belongs to the district (Admins keep it); each member picks theirs
/// (<see cref="Tenancy.Membership.SchoolId"/>), which the same-school conflict rule compares.
/// </summary>
public sealed class School : ITenantOwned
{
    public const int MaxNameLength = 120;

    private School() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Name { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static School Create(Guid tenantId, string name, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), TenantId = tenantId, Name = Guard.Required(name, nameof(Name), "School name", MaxNameLength), CreatedAt = now,
    };

    public void Rename(string name) => Name = Guard.Required(name, nameof(Name), "School name", MaxNameLength);
}
