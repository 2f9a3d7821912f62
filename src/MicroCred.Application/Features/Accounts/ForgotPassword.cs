using FluentValidation;
using Mediator;
using MicroCred.Application.Data;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

/// <summary>Emails a reset link to a confirmed account. Answers the same whether or not the account exists.</summary>
public sealed record ForgotPassword(string Email) : ICommand;

public sealed class ForgotPasswordValidator : AbstractValidator<ForgotPassword>
{
    public ForgotPasswordValidator() =>
        RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your email address.").EmailAddress().WithMessage("Enter an email address like name@school.org.");
}

public sealed class ForgotPasswordHandler(AppDbContext db, UserManager<User> users, AccountEmails emails) : ICommandHandler<ForgotPassword>
{
    public async ValueTask<Unit> Handle(ForgotPassword command, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(command.Email.Trim()) is { EmailConfirmed: true } user)
        {
            await emails.QueuePasswordReset(user);
            await db.SaveChangesAsync(ct);
        }
        return Unit.Value;
    }
}
