using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Evidence;

/// <summary>The earner decides, per awarded credential, whether the badge may link to their evidence (private by default).</summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record ShareEvidence(Guid SubmissionId, bool Public) : ICommand;

public sealed class ShareEvidenceHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, ILinkBuilder links, CacheEvictions changes)
    : ICommandHandler<ShareEvidence>
{
    public async ValueTask<Unit> Handle(ShareEvidence command, CancellationToken ct)
    {
        var submission = await db.MySubmissionAsync(command.SubmissionId, user.Id, ct);
        submission.ShareEvidence(command.Public, clock.GetUtcNow());
        // The badge links the public evidence page while the evidence is public (a revoked badge links nothing).
        var badge = await db.Assertions.SingleOrDefaultAsync(a => a.SubmissionId == submission.Id && a.RevokedAt == null, ct);
        if (badge is not null)
        {
            if (command.Public) badge.ShareEvidence(links.Absolute($"/public/assertions/{badge.Id}/evidence"));
            else badge.HideEvidence();
        }
        if (badge is not null) changes.AssertionChanged(badge.Id, badge.TenantId); // every instance's cache drops it when this commits
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
