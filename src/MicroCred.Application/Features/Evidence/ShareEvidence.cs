using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;

namespace MicroCred.Application.Features.Evidence;

/// <summary>The earner decides, per awarded credential, whether the badge may link to their evidence (private by default).</summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record ShareEvidence(Guid SubmissionId, bool Public) : ICommand;

public sealed class ShareEvidenceHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ShareEvidence>
{
    public async ValueTask<Unit> Handle(ShareEvidence command, CancellationToken ct)
    {
        var submission = await db.MySubmissionAsync(command.SubmissionId, user.Id, ct);
        submission.ShareEvidence(command.Public, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
