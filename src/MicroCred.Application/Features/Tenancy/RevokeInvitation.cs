using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Tenancy;

[RequiresRole(DistrictRole.Admin)]
public sealed record RevokeInvitation(Guid InvitationId) : ICommand;

public sealed class RevokeInvitationHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<RevokeInvitation>
{
    public async ValueTask<Unit> Handle(RevokeInvitation command, CancellationToken ct)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == command.InvitationId, ct)
            ?? throw new NotFoundException(nameof(Invitation), command.InvitationId);
        invitation.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
