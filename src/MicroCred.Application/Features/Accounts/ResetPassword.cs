using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

public sealed record ResetPassword(string Email, string Code, string Password) : ICommand;

public sealed class ResetPasswordValidator : AbstractValidator<ResetPassword>
{
    public ResetPasswordValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your email address.");
        RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a new password.")
            .MinimumLength(10).WithMessage("Use at least 10 characters: a short sentence you will remember works well.").MaximumLength(200);
    }
}

/// <summary>Sets a new password from an emailed link, and lifts a lockout: the person proved they own the address.</summary>
public sealed class ResetPasswordHandler(UserManager<User> users) : ICommandHandler<ResetPassword>
{
    public async ValueTask<Unit> Handle(ResetPassword command, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(command.Email.Trim());
        var token = Tokens.FromLink(command.Code);
        if (user is null || token is null) throw new DomainException("This reset link is not valid or has expired. Request a new one.");
        var result = await users.ResetPasswordAsync(user, token, command.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == "InvalidToken")) throw new DomainException("This reset link is not valid or has expired. Request a new one.");
            throw result.ToValidation();
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return Unit.Value;
    }
}
