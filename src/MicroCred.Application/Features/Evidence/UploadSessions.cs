using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Evidence;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Evidence;

/// <summary>
/// Where an upload of the acting person stands (tus HEAD). Waits for (and interrupts) a request still writing to
/// it, so the offset reported is the one that request recorded.
/// </summary>
[RequiresRole(DistrictRoles.Any)]
public sealed record GetUploadStatus(Guid UploadId) : IQuery<UploadStatus>;

public sealed class GetUploadStatusHandler(AppDbContext db, UploadLocks locks, ICurrentUser user, IOptions<UploadOptions> options, TimeProvider clock)
    : IQueryHandler<GetUploadStatus, UploadStatus>
{
    public async ValueTask<UploadStatus> Handle(GetUploadStatus query, CancellationToken ct)
    {
        await using var lease = await locks.AcquireAsync(query.UploadId, options.Value.LockWait, ct);
        var upload = await db.UploadSessions.AsNoTracking().SingleOrDefaultAsync(u => u.Id == query.UploadId && u.UserId == user.Id, ct)
            ?? throw new NotFoundException("Upload", query.UploadId);
        return UploadStatus.Of(upload, clock.GetUtcNow());
    }
}

/// <summary>
/// Ends an upload of the acting person (tus termination): an unfinished upload's bytes are dropped; a completed
/// one's stored file stays (delete it with <see cref="DeleteEvidenceFile"/>).
/// </summary>
[RequiresRole(DistrictRoles.Any)]
public sealed record CancelUpload(Guid UploadId) : ICommand;

public sealed class CancelUploadHandler(AppDbContext db, IEvidenceStore store, UploadLocks locks, ICurrentUser user, IOptions<UploadOptions> options)
    : ICommandHandler<CancelUpload>
{
    public async ValueTask<Unit> Handle(CancelUpload command, CancellationToken ct)
    {
        await using var lease = await locks.AcquireAsync(command.UploadId, options.Value.LockWait, ct);
        var upload = await db.UploadSessions.SingleOrDefaultAsync(u => u.Id == command.UploadId && u.UserId == user.Id, ct)
            ?? throw new NotFoundException("Upload", command.UploadId);
        if (upload.State != UploadState.Completed) await store.AbortUploadAsync(upload.StorageHandle, ct);
        db.UploadSessions.Remove(upload);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
