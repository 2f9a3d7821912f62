using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Web.Infrastructure;

/// <summary>
/// Session rules on top of the sliding cookie (configuration section <c>Sessions</c>): a session ends
/// <see cref="AbsoluteLifetime"/> after sign-in however active it is, and every request checks the account's security
/// stamp (<see cref="RevalidateEvery"/>), so a password change or reset, or "sign out everywhere", ends the other
/// sessions at once.
/// </summary>
public sealed class SessionLifetimeOptions
{
    public const string Section = "Sessions";
    private const string SignedInAt = "microcred.signed-in-at";

    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often a session's security stamp is checked against the database (every request by default).</summary>
    public TimeSpan RevalidateEvery { get; set; } = TimeSpan.Zero;

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
                || now - signedInAt > sessions.AbsoluteLifetime)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            await validate(context);
        };
    }
}
