using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Evidence;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Evidence;

/// <summary>
/// For features that use evidence files (a submission's answers): inside your own command, attach the acting
/// person's file to a thing of theirs so it is kept, and detach it when the thing lets it go. Saving is yours:
/// the change lands in the same transaction and audit entry as the rest of your command.
/// </summary>
public sealed class EvidenceAttachments(AppDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <param name="targetType">What the file becomes part of, e.g. "SubmissionAnswer".</param>
    /// <param name="rule">The rule of the place it is used (kinds, size), checked again here: a file uploaded to the
    /// library under the general limit may not fit a prompt's.</param>
    /// <exception cref="NotFoundException">No such file of the acting person in this district.</exception>
    public async Task<StoredFile> AttachAsync(Guid fileId, string targetType, Guid targetId, UploadRule? rule, CancellationToken ct)
    {
        var file = await db.StoredFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.OwnerId == user.Id && f.State == StoredFileState.Available, ct)
            ?? throw new NotFoundException("Evidence file", fileId);
        if (rule is not null) file.EnsureFits(rule.AllowedKinds, rule.MaxBytes);
        file.AttachTo(targetType, targetId, clock.GetUtcNow());
        return file;
    }

    /// <summary>Releases a file from a thing; it is then kept for the grace period like a new upload.</summary>
    public async Task DetachAsync(Guid fileId, string targetType, Guid targetId, CancellationToken ct)
    {
        var file = await db.StoredFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.AttachedToType == targetType && f.AttachedToId == targetId, ct)
            ?? throw new NotFoundException("Evidence file", fileId);
        file.Detach(clock.GetUtcNow());
    }
}
