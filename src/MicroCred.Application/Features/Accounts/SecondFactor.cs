using System.Security.Claims;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

/// <summary>
/// How a session proves a second factor: its cookie carries <c>amr=mfa</c> when the person signed in with a password and
/// an authenticator or recovery code (Identity's own two-factor sign-in), with a user-verified passkey (the device and
/// its PIN or biometric: two factors in one gesture), or set up their authenticator in this session.
/// </summary>
public static class SecondFactor
{
    public const string MethodClaim = "amr";
    public const string Strong = "mfa";
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "MicroCred";

    public static bool IsStrong(ClaimsPrincipal? principal) => principal?.HasClaim(MethodClaim, Strong) == true;

    /// <summary>Codes as people type them: spaces and dashes between the digits are fine.</summary>
    public static string Clean(string? code) => new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>A recovery code as Identity keeps it ("XXXXX-XXXXX", upper case), however it was typed.</summary>
    public static string CleanRecoveryCode(string? code)
    {
        var bare = Clean(code).ToUpperInvariant();
        return bare.Length == 10 ? $"{bare[..5]}-{bare[5..]}" : bare;
    }

    /// <summary>Re-issues this session's cookie as one signed in with a second factor, keeping its start time.</summary>
    internal static async Task MarkSessionStrongAsync(this SignInManager<User> signIn, User user)
    {
        var current = await signIn.Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInWithClaimsAsync(user, current.Properties ?? new AuthenticationProperties(), [new Claim(MethodClaim, Strong)]);
    }

    internal static async Task<User> CurrentAsync(this UserManager<User> users, ICurrentUser current) =>
        await users.FindByIdAsync(current.Id!.Value.ToString()) ?? throw new NotFoundException("Account", current.Id);
}

/// <summary>The signed-in person's second factors, for "Sign-in and security".</summary>
[RequiresSignIn]
public sealed record GetSecondFactors : IQuery<SecondFactorsView>;

/// <param name="AuthenticatorKey">The key to type into an authenticator app while setting it up (null once enabled).</param>
public sealed record SecondFactorsView(bool AuthenticatorEnabled, int RecoveryCodesLeft, string? AuthenticatorKey, string? AuthenticatorUri,
    IReadOnlyList<PasskeyView> Passkeys, bool SessionIsStrong)
{
    public bool HasAny => AuthenticatorEnabled || Passkeys.Count > 0;
}

public sealed record PasskeyView(string Id, string Name, DateTimeOffset CreatedAt);

public sealed class GetSecondFactorsHandler(UserManager<User> users, SignInManager<User> signIn, ICurrentUser current)
    : IQueryHandler<GetSecondFactors, SecondFactorsView>
{
    public async ValueTask<SecondFactorsView> Handle(GetSecondFactors query, CancellationToken ct)
    {
        var user = await users.CurrentAsync(current);
        var enabled = await users.GetTwoFactorEnabledAsync(user);
        var key = enabled ? null : await users.GetAuthenticatorKeyAsync(user);
        var uri = key is null ? null
            : $"otpauth://totp/{Uri.EscapeDataString(SecondFactor.Issuer)}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString(SecondFactor.Issuer)}&digits=6";
        var passkeys = (await users.GetPasskeysAsync(user))
            .OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyView(System.Buffers.Text.Base64Url.EncodeToString(p.CredentialId), p.Name ?? "Passkey", p.CreatedAt))
            .ToList();
        return new SecondFactorsView(enabled, enabled ? await users.CountRecoveryCodesAsync(user) : 0, key, uri, passkeys,
            SecondFactor.IsStrong(signIn.Context.User));
    }
}
