using MicroCred.Domain.Tenancy;

namespace MicroCred.Application.Common;

/// <summary>
/// The request needs a signed-in member of the current district holding at least one of these roles.
/// Checked by the authorization behaviour for every request, whatever page or job sends it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresRoleAttribute(DistrictRole roles) : Attribute
{
    public DistrictRole Roles { get; } = roles;
}

/// <summary>The request needs a signed-in person (in any district, or none).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresSignInAttribute : Attribute;

/// <summary>Leave this property out of the audit trail's details (passwords, tokens, file contents).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>The request needs a platform operator (an email named in <c>Platform:Operators</c>), whatever the district.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresOperatorAttribute : Attribute;
