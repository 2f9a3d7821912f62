using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Web.Infrastructure;

/// <summary>
/// Session rules on top of the sliding cookie (configuration section <c>Sessions</c>): a session ends
/// <see cref="AbsoluteLifetime"/> after sign-in however active it is, and every request compares the cookie's security
/// stamp with the account's, so a password change or reset, or "sign out everywhere", ends the other sessions at once.
/// (Identity's own validator also runs, at its default interval, to refresh the claims; it re-issues the cookie when it
/// does, which is why it is not the per-request check.)
/// </summary>
public sealed class SessionLifetimeOptions
{
    public const string Section = "Sessions";
    private const string SignedInAt = "microcred.signed-in-at";

    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    public static void Apply(CookieAuthenticationOptions cookie, SessionLifetimeOptions sessions)
    {
        var signingIn = cookie.Events.OnSigningIn;
        cookie.Events.OnSigningIn = context =>
        {
            // Kept through sliding renewals and RefreshSignInAsync (which reuse the properties); set on a fresh sign-in.
            context.Properties.Items.TryAdd(SignedInAt, context.Options.TimeProvider!.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            return signingIn(context);
        };
        var validate = cookie.Events.OnValidatePrincipal; // Identity's security-stamp check
        cookie.Events.OnValidatePrincipal = async context =>
        {
            var now = context.Options.TimeProvider!.GetUtcNow();
            if (!context.Properties.Items.TryGetValue(SignedInAt, out var at)
                || !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt)
                || now - signedInAt > sessions.AbsoluteLifetime
                || !await StampIsCurrentAsync(context))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            await validate(context);
        };
    }

    private static async Task<bool> StampIsCurrentAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var users = services.GetRequiredService<UserManager<MicroCred.Application.Data.User>>();
        var stampClaim = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (context.Principal is not { } principal || users.GetUserId(principal) is not { } id) return false;
        var user = await users.FindByIdAsync(id);
        return user is not null && principal.FindFirst(stampClaim)?.Value is { } stamp && stamp == await users.GetSecurityStampAsync(user);
    }
}
