using FluentValidation;
using Mediator;
using MicroCred.Application.Data;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

/// <summary>Sends a fresh confirmation link. Answers the same whether or not the account exists.</summary>
public sealed record ResendConfirmation(string Email) : ICommand;

public sealed class ResendConfirmationValidator : AbstractValidator<ResendConfirmation>
{
    public ResendConfirmationValidator() =>
        RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your email address.").EmailAddress().WithMessage("Enter an email address like name@school.org.");
}

public sealed class ResendConfirmationHandler(AppDbContext db, UserManager<User> users, AccountEmails emails) : ICommandHandler<ResendConfirmation>
{
    public async ValueTask<Unit> Handle(ResendConfirmation command, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(command.Email.Trim()) is { EmailConfirmed: false } user)
        {
            await emails.QueueConfirmation(user);
            await db.SaveChangesAsync(ct);
        }
        return Unit.Value;
    }
}
