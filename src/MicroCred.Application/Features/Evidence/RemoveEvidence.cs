using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Evidence;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Evidence;

/// <summary>Removes a link or a file from a draft. A removed file is released (kept for the grace period in "My evidence files").</summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record RemoveEvidence(Guid SubmissionId, Guid ItemId) : ICommand;

public sealed class RemoveEvidenceHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, EvidenceAttachments attachments) : ICommandHandler<RemoveEvidence>
{
    public async ValueTask<Unit> Handle(RemoveEvidence command, CancellationToken ct)
    {
        var submission = await db.MySubmissionAsync(command.SubmissionId, user.Id, ct);
        var item = submission.RemoveItem(command.ItemId, clock.GetUtcNow());
        await ReleaseAsync(db, attachments, item, ct);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    /// <summary>
    /// Releases the file of a removed item, unless an earlier attempt still uses it (a next attempt starts from the
    /// same files, which stay attached to the attempt that first used them).
    /// </summary>
    internal static async Task ReleaseAsync(AppDbContext db, EvidenceAttachments attachments, EvidenceItem item, CancellationToken ct)
    {
        if (item.FileId is not { } fileId) return;
        if (await db.StoredFiles.AnyAsync(f => f.Id == fileId && f.AttachedToType == EarnerData.AttachmentType && f.AttachedToId == item.Id, ct))
            await attachments.DetachAsync(fileId, EarnerData.AttachmentType, item.Id, ct);
    }
}
