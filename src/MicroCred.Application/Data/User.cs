using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Data;

/// <summary>
/// One person, one account for life. Global (not tenant-owned): a teacher who moves district keeps their
/// account and every badge; what they may do in a district lives on <see cref="Domain.Tenancy.Membership"/>.
/// </summary>
public sealed class User : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
