using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

/// <summary>
/// Ends every session of the signed-in person, on every device, this one included: a new security stamp makes every
/// cookie issued before it invalid at its next request (sessions re-check the stamp on each request).
/// </summary>
[RequiresSignIn]
public sealed record SignOutEverywhere : ICommand;

public sealed class SignOutEverywhereHandler(UserManager<User> users, SignInManager<User> signIn, ICurrentUser current)
    : ICommandHandler<SignOutEverywhere>
{
    public async ValueTask<Unit> Handle(SignOutEverywhere command, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(current.Id!.Value.ToString()) ?? throw new NotFoundException("Account", current.Id);
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded) throw result.ToValidation();
        await signIn.SignOutAsync();
        return Unit.Value;
    }
}
