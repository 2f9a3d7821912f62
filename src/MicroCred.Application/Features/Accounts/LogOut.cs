using Mediator;
using MicroCred.Application.Data;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

public sealed record LogOut : ICommand;

public sealed class LogOutHandler(SignInManager<User> signIn) : ICommandHandler<LogOut>
{
    public async ValueTask<Unit> Handle(LogOut command, CancellationToken ct)
    {
        await signIn.SignOutAsync();
        return Unit.Value;
    }
}
