using MicroCred.Domain.Tenancy;

namespace MicroCred.Web.Infrastructure;

/// <summary>
/// <c>{district:slug}</c>: only something shaped like a district slug can be one, so <c>/favicon.ico</c> or
/// <c>/signup</c> never reach a district page.
/// </summary>
public sealed class DistrictSlugRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string slug && DistrictSlug.Problem(slug) is null;
}
