using FluentValidation;
using Mediator;
using MicroCred.Application.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Accounts;

public sealed record LogIn(string Email, string Password, bool RememberMe) : ICommand<LogInOutcome>;

public enum LogInOutcome { Succeeded, Failed, LockedOut, EmailNotConfirmed, RequiresSecondFactor }

public sealed class LogInValidator : AbstractValidator<LogIn>
{
    public LogInValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your email address.");
        RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password.");
    }
}

/// <summary>
/// Password sign-in with lockout. Repeated failures lock the account for a while (counted and audited; the owner is
/// emailed when it locks). An unknown email, a wrong password and a locked account take about the same time (a password
/// hash is checked in each case) and the page answers them alike; an unconfirmed account is told so only once the
/// password is right.
/// </summary>
public sealed class LogInHandler(UserManager<User> users, SignInManager<User> signIn, AccountEmails emails, AppDbContext db, TimeProvider clock)
    : ICommandHandler<LogIn, LogInOutcome>
{
    // A hash of a random password, checked against for unknown emails so they cost what a real check costs.
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<User>().HashPassword(new User(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public async ValueTask<LogInOutcome> Handle(LogIn command, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(command.Email.Trim());
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new User(), DecoyHash.Value, command.Password);
            return LogInOutcome.Failed;
        }
        if (await users.IsLockedOutAsync(user))
        {
            await users.CheckPasswordAsync(user, command.Password);
            return LogInOutcome.LockedOut;
        }
        if (!user.EmailConfirmed)
            return await users.CheckPasswordAsync(user, command.Password) ? LogInOutcome.EmailNotConfirmed : LogInOutcome.Failed;

        var result = await signIn.PasswordSignInAsync(user, command.Password, command.RememberMe, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            // This attempt locked it (a locked account returned above): tell the owner, not the person at the form.
            // At most one such email a day: someone locking the account again and again must not flood its owner.
            var since = clock.GetUtcNow().AddDays(-1);
            if (!await db.EmailMessages.AnyAsync(m => m.To == user.Email && m.Subject == AccountEmails.LockedOutSubject && m.CreatedAt > since, ct))
                emails.QueueLockedOut(user);
            await db.SaveChangesAsync(ct);
            return LogInOutcome.LockedOut;
        }
        if (result.RequiresTwoFactor) return LogInOutcome.RequiresSecondFactor;
        return result.Succeeded ? LogInOutcome.Succeeded : LogInOutcome.Failed;
    }
}
