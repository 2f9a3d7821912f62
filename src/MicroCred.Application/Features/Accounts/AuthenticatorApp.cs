using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

/// <summary>Makes a fresh authenticator key to type or scan into an app; the app is not used until a code proves it.</summary>
[RequiresSignIn]
public sealed record StartAuthenticatorSetup : ICommand;

/// <summary>Turns authenticator codes on once the person typed a code from their app; answers the recovery codes, shown once.</summary>
[RequiresSignIn]
public sealed record EnableAuthenticator([property: NotAudited] string Code) : ICommand<IReadOnlyList<string>>;

/// <summary>Turns authenticator codes off and forgets the key and the recovery codes.</summary>
[RequiresSignIn]
public sealed record DisableAuthenticator : ICommand;

/// <summary>New recovery codes; the old ones stop working.</summary>
[RequiresSignIn]
public sealed record RegenerateRecoveryCodes : ICommand<IReadOnlyList<string>>;

public sealed class EnableAuthenticatorValidator : AbstractValidator<EnableAuthenticator>
{
    public EnableAuthenticatorValidator()
    {
        RuleFor(c => SecondFactor.Clean(c.Code)).Matches("^[0-9]{6}$").OverridePropertyName(nameof(EnableAuthenticator.Code))
            .WithMessage("Enter the 6-digit code your authenticator app shows.");
    }
}

public sealed class AuthenticatorAppHandler(UserManager<User> users, SignInManager<User> signIn, ICurrentUser current)
    : ICommandHandler<StartAuthenticatorSetup>, ICommandHandler<EnableAuthenticator, IReadOnlyList<string>>,
      ICommandHandler<DisableAuthenticator>, ICommandHandler<RegenerateRecoveryCodes, IReadOnlyList<string>>
{
    public async ValueTask<Unit> Handle(StartAuthenticatorSetup command, CancellationToken ct)
    {
        var user = await users.CurrentAsync(current);
        if (await users.GetTwoFactorEnabledAsync(user))
            throw new Domain.Common.DomainException("Your authenticator app is already set up. Turn it off first to use another one.");
        var result = await users.ResetAuthenticatorKeyAsync(user);
        if (!result.Succeeded) throw result.ToValidation();
        await signIn.RefreshSignInAsync(user);
        return Unit.Value;
    }

    public async ValueTask<IReadOnlyList<string>> Handle(EnableAuthenticator command, CancellationToken ct)
    {
        var user = await users.CurrentAsync(current);
        if (await users.GetTwoFactorEnabledAsync(user))
            throw new Domain.Common.DomainException("Your authenticator app is already set up.");
        if (await users.GetAuthenticatorKeyAsync(user) is null)
            throw new Domain.Common.DomainException("Start the set-up again: there is no key for your app yet.");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, SecondFactor.Clean(command.Code)))
            throw new ValidationFailedException([new FieldError(nameof(command.Code),
                "That code is not right. Check the app shows MicroCred with your email, and type the code it shows now.")]);
        var enabled = await users.SetTwoFactorEnabledAsync(user, true);
        if (!enabled.Succeeded) throw enabled.ToValidation();
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, SecondFactor.RecoveryCodeCount))?.ToList() ?? [];
        // The code just typed proves the app: this session counts as signed in with a second factor from now on.
        await signIn.MarkSessionStrongAsync(user);
        return codes;
    }

    public async ValueTask<Unit> Handle(DisableAuthenticator command, CancellationToken ct)
    {
        var user = await users.CurrentAsync(current);
        if (!await users.GetTwoFactorEnabledAsync(user))
            throw new Domain.Common.DomainException("Your authenticator app is not set up.");
        var result = await users.SetTwoFactorEnabledAsync(user, false);
        if (!result.Succeeded) throw result.ToValidation();
        // A new key (never shown) makes the old app's codes worthless. Recovery codes only count while the app is on,
        // and turning it on again makes new ones.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return Unit.Value;
    }

    public async ValueTask<IReadOnlyList<string>> Handle(RegenerateRecoveryCodes command, CancellationToken ct)
    {
        var user = await users.CurrentAsync(current);
        if (!await users.GetTwoFactorEnabledAsync(user))
            throw new Domain.Common.DomainException("Set up an authenticator app first: recovery codes stand in for its codes.");
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, SecondFactor.RecoveryCodeCount))?.ToList() ?? [];
        await signIn.RefreshSignInAsync(user);
        return codes;
    }
}
