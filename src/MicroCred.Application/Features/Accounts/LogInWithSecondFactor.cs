using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

/// <summary>
/// The second step of a password sign-in for someone with an authenticator app: a code from the app, or one of their
/// recovery codes (each works once). Wrong codes count towards the same lockout as wrong passwords.
/// </summary>
public sealed record LogInWithSecondFactor([property: NotAudited] string Code, bool UseRecoveryCode, bool RememberMe) : ICommand<LogInOutcome>;

public sealed class LogInWithSecondFactorValidator : AbstractValidator<LogInWithSecondFactor>
{
    public LogInWithSecondFactorValidator()
    {
        RuleFor(c => c.Code).NotEmpty().WithMessage("Enter the code.").MaximumLength(40);
    }
}

public sealed class LogInWithSecondFactorHandler(SignInManager<User> signIn, UserManager<User> users, AccountEmails emails, AppDbContext db)
    : ICommandHandler<LogInWithSecondFactor, LogInOutcome>
{
    public async ValueTask<LogInOutcome> Handle(LogInWithSecondFactor command, CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return LogInOutcome.Failed; // no password step in this browser, or it expired
        if (await users.IsLockedOutAsync(user)) return LogInOutcome.LockedOut;
        var result = command.UseRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(SecondFactor.CleanRecoveryCode(command.Code))
            : await signIn.TwoFactorAuthenticatorSignInAsync(SecondFactor.Clean(command.Code), command.RememberMe, rememberClient: false);
        if (result.IsLockedOut)
        {
            emails.QueueLockedOut(user);
            await db.SaveChangesAsync(ct);
            return LogInOutcome.LockedOut;
        }
        return result.Succeeded ? LogInOutcome.Succeeded : LogInOutcome.Failed;
    }
}
