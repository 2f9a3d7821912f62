using MicroCred.Application.Common;
using MicroCred.Domain.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.WebUtilities;
using MicroCred.Application.Features.Accounts;

namespace MicroCred.Web.Infrastructure;

/// <summary>The signed-in person must hold one of these roles in the district of the current path.</summary>
public sealed class DistrictRoleRequirement(DistrictRole roles) : IAuthorizationRequirement
{
    public DistrictRole Roles { get; } = roles;
}

/// <summary>
/// Also applies the district's sign-in policy: on a role's pages, a role the policy guards counts only when this session
/// signed in with a second factor. Pages open to any member stay open (a member is never locked out of the district).
/// </summary>
public sealed class DistrictRoleHandler(ITenantContext tenant, CurrentMember member) : AuthorizationHandler<DistrictRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, DistrictRoleRequirement requirement)
    {
        if (tenant.TenantId is null) return;
        var held = await member.RolesAsync() & requirement.Roles;
        if (held == DistrictRole.None) return;
        if (requirement.Roles != DistrictRoles.Any && !SecondFactor.IsStrong(context.User))
        {
            var guarded = held & await member.RolesNeedingSecondFactorAsync();
            if (guarded == held)
            {
                context.Fail(new SecondFactorRequired(this, guarded));
                return;
            }
        }
        context.Succeed(requirement);
    }
}

/// <summary>The person holds the role, but the district wants it used only after signing in with a second factor.</summary>
public sealed class SecondFactorRequired(IAuthorizationHandler handler, DistrictRole roles)
    : AuthorizationFailureReason(handler, $"The district requires a second factor for {roles.Describe()}.")
{
    public DistrictRole Roles { get; } = roles;
}

/// <summary>
/// Sends a member refused for want of a second factor to set one up (with the page they wanted to come back to),
/// instead of a bare 403; every other outcome is the framework's.
/// </summary>
public sealed class SecondFactorRedirect : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && result.AuthorizationFailure?.FailureReasons.OfType<SecondFactorRequired>().FirstOrDefault() is { } reason)
        {
            var tenant = context.RequestServices.GetRequiredService<ITenantContext>();
            string back = HttpMethods.IsGet(context.Request.Method) ? (context.Request.Path + context.Request.QueryString).ToString() : $"/{tenant.Slug}";
            context.Response.Redirect(QueryHelpers.AddQueryString("/account/manage/two-factor", new Dictionary<string, string?>
            {
                ["district"] = tenant.Slug,
                ["role"] = reason.Roles.Split().First().ToString(),
                ["returnUrl"] = back,
            }));
            return Task.CompletedTask;
        }
        return fallback.HandleAsync(next, context, policy, result);
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
