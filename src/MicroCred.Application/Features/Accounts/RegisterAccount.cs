using FluentValidation;
using Mediator;
using MicroCred.Application.Data;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

/// <summary>Creates a personal account. It cannot log in until the email is confirmed.</summary>
public sealed record RegisterAccount(string Email, string DisplayName, string Password, string? ReturnUrl = null) : ICommand;

public sealed class RegisterAccountValidator : AbstractValidator<RegisterAccount>
{
    public RegisterAccountValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your email address.")
            .EmailAddress().WithMessage("Enter an email address like name@school.org.").MaximumLength(254);
        RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Enter your name as it should appear on your badges.").MaximumLength(120);
        RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a password.")
            .MinimumLength(10).WithMessage("Use at least 10 characters: a short sentence you will remember works well.")
            .MaximumLength(200);
    }
}

public sealed class RegisterAccountHandler(AppDbContext db, UserManager<User> users, AccountEmails emails, TimeProvider clock)
    : ICommandHandler<RegisterAccount>
{
    public async ValueTask<Unit> Handle(RegisterAccount command, CancellationToken ct)
    {
        var email = command.Email.Trim();
        await users.ValidateNewPasswordAsync(email, command.Password);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // Same answer as a new registration, so the form never tells a stranger who has an account; the password
            // is hashed and thrown away so the answer takes about as long as creating an account.
            _ = users.PasswordHasher.HashPassword(existing, command.Password);
            emails.QueueAlreadyRegistered(existing);
        }
        else
        {
            var user = new User { UserName = email, Email = email, DisplayName = command.DisplayName.Trim(), CreatedAt = clock.GetUtcNow() };
            var result = await users.CreateAsync(user, command.Password);
            if (!result.Succeeded) throw result.ToValidation();
            await emails.QueueConfirmation(user, command.ReturnUrl);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Unit.Value;
    }
}
