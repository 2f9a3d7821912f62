using MicroCred.Application.Common;
using MicroCred.Domain.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace MicroCred.Web.Infrastructure;

/// <summary>The signed-in person must hold one of these roles in the district of the current path.</summary>
public sealed class DistrictRoleRequirement(DistrictRole roles) : IAuthorizationRequirement
{
    public DistrictRole Roles { get; } = roles;
}

public sealed class DistrictRoleHandler(ITenantContext tenant, CurrentMember member) : AuthorizationHandler<DistrictRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, DistrictRoleRequirement requirement)
    {
        if (tenant.TenantId is not null && await member.HasAnyAsync(requirement.Roles)) context.Succeed(requirement);
    }
}

/// <summary>The signed-in person is a platform operator (their email is named in <c>Platform:Operators</c>).</summary>
public sealed class OperatorRequirement : IAuthorizationRequirement;

public sealed class OperatorHandler(ICurrentUser user, Microsoft.Extensions.Options.IOptions<MicroCred.Application.Features.Tenancy.PlatformOptions> platform)
    : AuthorizationHandler<OperatorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperatorRequirement requirement)
    {
        if (platform.Value.IsOperator(user.Email)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

public static class Policies
{
    public const string Member = nameof(Member);
    public const string Operator = nameof(Operator);
    public const string DeveloperOrAdmin = nameof(DeveloperOrAdmin);

    /// <summary>One policy per role (named after it), "Member" for any role in the district, and "DeveloperOrAdmin".</summary>
    public static void AddDistrictPolicies(this AuthorizationOptions options)
    {
        foreach (var role in DistrictRoles.All)
            options.AddPolicy(role.ToString(), p => p.RequireAuthenticatedUser().AddRequirements(new DistrictRoleRequirement(role)));
        options.AddPolicy(Member, p => p.RequireAuthenticatedUser().AddRequirements(new DistrictRoleRequirement(DistrictRoles.Any)));
        options.AddPolicy(Operator, p => p.RequireAuthenticatedUser().AddRequirements(new OperatorRequirement()));
        options.AddPolicy(DeveloperOrAdmin, p => p.RequireAuthenticatedUser().AddRequirements(new DistrictRoleRequirement(DistrictRole.Developer | DistrictRole.Admin)));
    }
}

/// <summary>On an endpoint for scripts (the upload protocol): a signed-out caller gets 401, not a redirect to the login page.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoLoginRedirectAttribute : Attribute;
