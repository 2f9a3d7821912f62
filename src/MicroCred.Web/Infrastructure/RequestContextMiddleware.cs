using System.Security.Claims;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Accounts;
using MicroCred.Application.Features.Tenancy;
using Serilog;
using Serilog.Context;

namespace MicroCred.Web.Infrastructure;

/// <summary>
/// Fills the request's district (from the first path segment) and person (from the cookie) and puts both
/// on every log event of the request. An unknown district is a 404 before any page runs.
/// </summary>
public sealed class RequestContextMiddleware(RequestDelegate next)
{
    public const string DistrictRouteKey = "district";

    public async Task InvokeAsync(HttpContext http, TenantContext tenant, CurrentUser user, DistrictDirectory districts, IDiagnosticContext diagnostics)
    {
        user.RequestId = http.TraceIdentifier;
        if (http.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            user.Set(userId, http.User.FindFirstValue(ClaimTypes.Email), http.User.FindFirstValue(UserClaims.DisplayName));
            user.SignedInWithSecondFactor = SecondFactor.IsStrong(http.User);
        }

        if (http.GetRouteValue(DistrictRouteKey) is string slug)
        {
            var district = await districts.FindAsync(slug, http.RequestAborted);
            if (district is null)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            tenant.Set(district.Id, district.Slug);
            http.Items[typeof(DistrictSummary)] = district;
        }

        // The request-completed event is written outside this middleware: give it the same properties.
        diagnostics.Set("District", tenant.Slug);
        diagnostics.Set("UserId", user.Id);
        using (LogContext.PushProperty("District", tenant.Slug))
        using (LogContext.PushProperty("UserId", user.Id))
        {
            await next(http);
        }
    }
}

public static class HttpContextDistrictExtensions
{
    /// <summary>The district the current page belongs to, or null outside district pages.</summary>
    public static DistrictSummary? District(this HttpContext http) =>
        http.Items.TryGetValue(typeof(DistrictSummary), out var d) ? (DistrictSummary?)d : null;
}
