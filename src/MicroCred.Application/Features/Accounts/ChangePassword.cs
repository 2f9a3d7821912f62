using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

[RequiresSignIn]
public sealed record ChangePassword(string CurrentPassword, string NewPassword) : ICommand;

public sealed class ChangePasswordValidator : AbstractValidator<ChangePassword>
{
    public ChangePasswordValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
        RuleFor(c => c.NewPassword).NotEmpty().WithMessage("Choose a new password.")
            .MinimumLength(10).WithMessage("Use at least 10 characters: a short sentence you will remember works well.").MaximumLength(200)
            .NotEqual(c => c.CurrentPassword).WithMessage("Choose a password different from the current one.");
    }
}

public sealed class ChangePasswordHandler(AppDbContext db, UserManager<User> users, SignInManager<User> signIn, ICurrentUser current, AccountEmails emails)
    : ICommandHandler<ChangePassword>
{
    public async ValueTask<Unit> Handle(ChangePassword command, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(current.Id!.Value.ToString()) ?? throw new NotFoundException("Account", current.Id);
        var result = await users.ChangePasswordAsync(user, command.CurrentPassword, command.NewPassword);
        if (!result.Succeeded)
            throw new ValidationFailedException(result.ToValidation("NewPassword").Errors
                .Select(e => e.Message == "That is not your current password." ? e with { Field = "CurrentPassword" } : e).ToList());
        emails.QueuePasswordChanged(user);
        await db.SaveChangesAsync(ct);
        await signIn.RefreshSignInAsync(user);
        return Unit.Value;
    }
}
