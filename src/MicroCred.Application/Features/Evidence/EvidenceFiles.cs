using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Evidence;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Evidence;

public sealed record EvidenceFileRow(Guid Id, string FileName, FileKind Kind, string ContentType, long Length, string Sha256, DateTimeOffset CreatedAt,
    bool Attached, DateTimeOffset? UnattachedSince)
{
    /// <summary>When cleanup deletes the file unless something attaches it first.</summary>
    public DateTimeOffset? DeletedAfter(TimeSpan grace) => UnattachedSince + grace;
}

/// <summary>The acting person's own evidence files in this district, newest first.</summary>
[RequiresRole(DistrictRoles.Any)]
public sealed record ListMyEvidenceFiles : IQuery<IReadOnlyList<EvidenceFileRow>>;

public sealed class ListMyEvidenceFilesHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<ListMyEvidenceFiles, IReadOnlyList<EvidenceFileRow>>
{
    public async ValueTask<IReadOnlyList<EvidenceFileRow>> Handle(ListMyEvidenceFiles query, CancellationToken ct) =>
        await db.StoredFiles.AsNoTracking()
            .Where(f => f.OwnerId == user.Id && f.State == StoredFileState.Available)
            .OrderByDescending(f => f.CreatedAt)
            .Select(f => new EvidenceFileRow(f.Id, f.FileName, f.Kind, f.ContentType, f.Length, f.Sha256, f.CreatedAt, f.AttachedToType != null, f.UnattachedSince))
            .ToListAsync(ct);
}

public sealed record EvidenceFileDetails(Guid Id, string FileName, FileKind Kind, string ContentType, long Length, string Sha256, DateTimeOffset CreatedAt,
    Guid OwnerId, string OwnerName, bool IsMine, string? AttachedToType, Guid? AttachedToId, DateTimeOffset? DeletedAfter);

/// <summary>One evidence file's details, for whoever may read it (<see cref="IEvidenceAccess"/>); anyone else finds nothing.</summary>
[RequiresRole(DistrictRoles.Any)]
public sealed record GetEvidenceFile(Guid FileId) : IQuery<EvidenceFileDetails>;

public sealed class GetEvidenceFileHandler(AppDbContext db, IEvidenceAccess access, ICurrentUser user, IOptions<UploadOptions> options, Assessment.BlindEvidence blind)
    : IQueryHandler<GetEvidenceFile, EvidenceFileDetails>
{
    public async ValueTask<EvidenceFileDetails> Handle(GetEvidenceFile query, CancellationToken ct)
    {
        var found = await db.StoredFiles.AsNoTracking()
            .Where(f => f.Id == query.FileId && f.State == StoredFileState.Available)
            .Join(db.Users, f => f.OwnerId, u => u.Id, (f, u) => new { File = f, Owner = u.DisplayName })
            .SingleOrDefaultAsync(ct);
        if (found is null || !await access.CanReadAsync(new EvidenceFileRef(found.File.Id, found.File.OwnerId, found.File.AttachedToType, found.File.AttachedToId), ct))
            throw new NotFoundException("Evidence file", query.FileId);
        var f = found.File;
        var hidden = await blind.HidesOwnerAsync(f.OwnerId, ct);
        return new EvidenceFileDetails(f.Id, hidden ? Assessment.BlindEvidence.NeutralName(f.Id, f.FileName) : f.FileName, f.Kind, f.ContentType, f.Length, f.Sha256,
            f.CreatedAt, f.OwnerId, hidden ? "the earner" : found.Owner, f.OwnerId == user.Id, f.AttachedToType, f.AttachedToId, f.UnattachedSince + options.Value.UnattachedGrace);
    }
}

/// <summary>An evidence file's bytes, as a seekable stream the caller disposes (for serving, with HTTP ranges).</summary>
public sealed record EvidenceFileContent(Guid Id, string FileName, FileKind Kind, string ContentType, long Length, string Sha256, DateTimeOffset CreatedAt,
    Stream Content);

/// <summary>Opens an evidence file for whoever may read it (<see cref="IEvidenceAccess"/>); anyone else finds nothing.</summary>
[RequiresRole(DistrictRoles.Any)]
public sealed record OpenEvidenceFile(Guid FileId) : IQuery<EvidenceFileContent>;

public sealed class OpenEvidenceFileHandler(AppDbContext db, IEvidenceAccess access, IEvidenceStore store, Assessment.BlindEvidence blind)
    : IQueryHandler<OpenEvidenceFile, EvidenceFileContent>
{
    public async ValueTask<EvidenceFileContent> Handle(OpenEvidenceFile query, CancellationToken ct)
    {
        var file = await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == query.FileId && f.State == StoredFileState.Available, ct);
        if (file is null || !await access.CanReadAsync(new EvidenceFileRef(file.Id, file.OwnerId, file.AttachedToType, file.AttachedToId), ct))
            throw new NotFoundException("Evidence file", query.FileId);
        var name = await blind.HidesOwnerAsync(file.OwnerId, ct) ? Assessment.BlindEvidence.NeutralName(file.Id, file.FileName) : file.FileName;
        Stream content;
        try
        {
            content = await store.OpenReadAsync(file.StorageKey, ct);
        }
        catch (EvidenceBytesMissingException)
        {
            // The row outlived its bytes (a database restored without its storage): there is nothing to serve.
            throw new NotFoundException("Evidence file", query.FileId);
        }
        return new EvidenceFileContent(file.Id, name, file.Kind, file.ContentType, file.Length, file.Sha256, file.CreatedAt, content);
    }
}

/// <summary>The owner deletes one of their files that nothing is attached to; its bytes go at once, its row with the next cleanup.</summary>
[RequiresRole(DistrictRoles.Any)]
public sealed record DeleteEvidenceFile(Guid FileId) : ICommand;

public sealed class DeleteEvidenceFileHandler(AppDbContext db, IEvidenceAccess access, IEvidenceStore store, ICurrentUser user, TimeProvider clock,
    ILogger<DeleteEvidenceFileHandler> logger) : ICommandHandler<DeleteEvidenceFile>
{
    public async ValueTask<Unit> Handle(DeleteEvidenceFile command, CancellationToken ct)
    {
        var file = await db.StoredFiles.SingleOrDefaultAsync(f => f.Id == command.FileId && f.State == StoredFileState.Available, ct);
        if (file is null || !await access.CanReadAsync(new EvidenceFileRef(file.Id, file.OwnerId, file.AttachedToType, file.AttachedToId), ct))
            throw new NotFoundException("Evidence file", command.FileId);
        file.Delete(user.Id!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        try
        {
            await store.DeleteAsync(file.StorageKey, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not delete the bytes of file {FileId} now; cleanup will", file.Id);
        }
        return Unit.Value;
    }
}
