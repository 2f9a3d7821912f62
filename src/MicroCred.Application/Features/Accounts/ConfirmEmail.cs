using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

public sealed record ConfirmEmail(Guid UserId, string Code) : ICommand;

public sealed class ConfirmEmailHandler(UserManager<User> users) : ICommandHandler<ConfirmEmail>
{
    public async ValueTask<Unit> Handle(ConfirmEmail command, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(command.UserId.ToString());
        var token = Tokens.FromLink(command.Code);
        if (user is null || token is null) throw new DomainException("This confirmation link is not valid. Request a new one below.");
        if (user.EmailConfirmed) return Unit.Value;
        var result = await users.ConfirmEmailAsync(user, token);
        if (!result.Succeeded) throw new DomainException("This confirmation link is not valid or has expired. Request a new one below.");
        return Unit.Value;
    }
}
