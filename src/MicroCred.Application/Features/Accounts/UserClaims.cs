using System.Security.Claims;
using MicroCred.Application.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Accounts;

/// <summary>Puts the person's display name in the cookie, so headers and the audit trail need no lookup.</summary>
public sealed class UserClaims(UserManager<User> users, IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<User>(users, options)
{
    public const string DisplayName = "microcred:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayName, user.DisplayName));
        return identity;
    }
}
