namespace MicroCred.Domain.Common;

/// <summary>
/// A row that belongs to one district. Every such table carries <c>tenant_id</c>, an EF query filter named
/// "Tenant" and a forced PostgreSQL row-level-security policy; the data layer stamps and checks the value.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
