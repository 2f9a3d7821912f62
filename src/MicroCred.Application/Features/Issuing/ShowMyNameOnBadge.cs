using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Issuing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// The teacher decides whether their name appears on a badge's public page (hidden by default: the recipient is
/// otherwise only a salted hash). Sent in the badge's district, where the row may be written.
/// </summary>
[RequiresSignIn]
public sealed record ShowMyNameOnBadge(Guid AssertionId, bool Show) : ICommand;

public sealed class ShowMyNameOnBadgeHandler(AppDbContext db, ICurrentUser user, CacheEvictions changes) : ICommandHandler<ShowMyNameOnBadge>
{
    public async ValueTask<Unit> Handle(ShowMyNameOnBadge command, CancellationToken ct)
    {
        var badge = await db.Assertions.SingleOrDefaultAsync(a => a.Id == command.AssertionId && a.RecipientId == user.Id, ct)
            ?? throw new NotFoundException(nameof(Assertion), command.AssertionId); // someone else's badge does not exist for you
        badge.ShowName(command.Show);
        changes.AssertionChanged(badge.Id, badge.TenantId); // every instance's cached page drops when this commits
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
