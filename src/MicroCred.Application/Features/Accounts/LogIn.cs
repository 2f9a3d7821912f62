using FluentValidation;
using Mediator;
using MicroCred.Application.Data;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

public sealed record LogIn(string Email, string Password, bool RememberMe) : ICommand<LogInOutcome>;

public enum LogInOutcome { Succeeded, Failed, LockedOut, EmailNotConfirmed }

public sealed class LogInValidator : AbstractValidator<LogIn>
{
    public LogInValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your email address.");
        RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password.");
    }
}

/// <summary>
/// Password sign-in with lockout. Repeated failures lock the account for a while (counted and audited);
/// an unconfirmed account is only told so once the password is right.
/// </summary>
public sealed class LogInHandler(UserManager<User> users, SignInManager<User> signIn) : ICommandHandler<LogIn, LogInOutcome>
{
    public async ValueTask<LogInOutcome> Handle(LogIn command, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(command.Email.Trim());
        if (user is null) return LogInOutcome.Failed;
        if (await users.IsLockedOutAsync(user)) return LogInOutcome.LockedOut;
        if (!user.EmailConfirmed)
            return await users.CheckPasswordAsync(user, command.Password) ? LogInOutcome.EmailNotConfirmed : LogInOutcome.Failed;

        var result = await signIn.PasswordSignInAsync(user, command.Password, command.RememberMe, lockoutOnFailure: true);
        return result.Succeeded ? LogInOutcome.Succeeded
            : result.IsLockedOut ? LogInOutcome.LockedOut
            : LogInOutcome.Failed;
    }
}
