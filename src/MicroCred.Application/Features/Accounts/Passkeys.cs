using System.Buffers.Text;
using System.Security.Claims;
using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

/// <summary>
/// The options for <c>navigator.credentials.create()</c> to register a passkey for the signed-in person (the challenge
/// is kept in a short-lived cookie by Identity, checked when the passkey comes back).
/// </summary>
[RequiresSignIn]
public sealed record GetPasskeyCreationOptions : IQuery<string>;

/// <summary>The options for <c>navigator.credentials.get()</c> to sign in with any passkey of this site.</summary>
public sealed record GetPasskeyRequestOptions : IQuery<string>;

/// <summary>Keeps the passkey the browser just created (the JSON of <c>navigator.credentials.create()</c>).</summary>
[RequiresSignIn]
public sealed record AddPasskey([property: NotAudited] string CredentialJson, string Name) : ICommand;

/// <summary>Forgets one of the signed-in person's passkeys.</summary>
[RequiresSignIn]
public sealed record RemovePasskey(string Id) : ICommand;

/// <summary>
/// Passwordless sign-in with a passkey (the JSON of <c>navigator.credentials.get()</c>). The passkey must have verified
/// the person (PIN or biometric), so the session counts as signed in with a second factor.
/// </summary>
public sealed record LogInWithPasskey([property: NotAudited] string CredentialJson) : ICommand<LogInOutcome>;

public sealed class AddPasskeyValidator : AbstractValidator<AddPasskey>
{
    public AddPasskeyValidator()
    {
        RuleFor(c => c.CredentialJson).NotEmpty().WithMessage("Your browser did not create a passkey. Try again.").MaximumLength(20_000);
        RuleFor(c => c.Name).MaximumLength(60).WithMessage("Keep the name under 60 characters.");
    }
}

public sealed class LogInWithPasskeyValidator : AbstractValidator<LogInWithPasskey>
{
    public LogInWithPasskeyValidator()
    {
        RuleFor(c => c.CredentialJson).NotEmpty().WithMessage("Your browser did not use a passkey. Try again.").MaximumLength(20_000);
    }
}

public sealed class PasskeysHandler(UserManager<User> users, SignInManager<User> signIn, ICurrentUser current)
    : IQueryHandler<GetPasskeyCreationOptions, string>, IQueryHandler<GetPasskeyRequestOptions, string>,
      ICommandHandler<AddPasskey>, ICommandHandler<RemovePasskey>, ICommandHandler<LogInWithPasskey, LogInOutcome>
{
    public const int MaxPasskeys = 20;

    public async ValueTask<string> Handle(GetPasskeyCreationOptions query, CancellationToken ct)
    {
        var user = await users.CurrentAsync(current);
        return await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id.ToString(),
            Name = user.Email!,
            DisplayName = user.DisplayName,
        });
    }

    public async ValueTask<string> Handle(GetPasskeyRequestOptions query, CancellationToken ct) =>
        await signIn.MakePasskeyRequestOptionsAsync(null);

    public async ValueTask<Unit> Handle(AddPasskey command, CancellationToken ct)
    {
        var user = await users.CurrentAsync(current);
        if ((await users.GetPasskeysAsync(user)).Count >= MaxPasskeys)
            throw new DomainException($"You have {MaxPasskeys} passkeys already: remove one you no longer use first.");
        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(command.CredentialJson);
        }
        catch (InvalidOperationException)
        {
            // No registration under way in this browser (an old page, or the cookie expired).
            throw new DomainException("The passkey set-up took too long or was started elsewhere. Try again.");
        }
        if (!attestation.Succeeded || attestation.UserEntity.Id != user.Id.ToString())
            throw new DomainException("Your browser's passkey could not be checked, so it was not added. Try again.");
        var passkey = attestation.Passkey;
        passkey.Name = string.IsNullOrWhiteSpace(command.Name) ? "Passkey" : command.Name.Trim();
        var result = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!result.Succeeded) throw result.ToValidation();
        await signIn.RefreshSignInAsync(user);
        return Unit.Value;
    }

    public async ValueTask<Unit> Handle(RemovePasskey command, CancellationToken ct)
    {
        var user = await users.CurrentAsync(current);
        byte[] id;
        try { id = Base64Url.DecodeFromChars(command.Id); }
        catch (FormatException) { throw new NotFoundException("Passkey", command.Id); }
        if (await users.GetPasskeyAsync(user, id) is null) throw new NotFoundException("Passkey", command.Id);
        var result = await users.RemovePasskeyAsync(user, id);
        if (!result.Succeeded) throw result.ToValidation();
        await signIn.RefreshSignInAsync(user);
        return Unit.Value;
    }

    public async ValueTask<LogInOutcome> Handle(LogInWithPasskey command, CancellationToken ct)
    {
        PasskeyAssertionResult<User> assertion;
        try
        {
            assertion = await signIn.PerformPasskeyAssertionAsync(command.CredentialJson);
        }
        catch (InvalidOperationException)
        {
            return LogInOutcome.Failed;
        }
        if (!assertion.Succeeded || !assertion.Passkey.IsUserVerified) return LogInOutcome.Failed;
        var user = assertion.User;
        if (await users.IsLockedOutAsync(user)) return LogInOutcome.LockedOut;
        if (!user.EmailConfirmed) return LogInOutcome.EmailNotConfirmed;
        // The signature counter and flags move on with each use.
        var updated = await users.AddOrUpdatePasskeyAsync(user, assertion.Passkey);
        if (!updated.Succeeded) return LogInOutcome.Failed;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SecondFactor.MethodClaim, SecondFactor.Strong)]);
        return LogInOutcome.Succeeded;
    }
}
