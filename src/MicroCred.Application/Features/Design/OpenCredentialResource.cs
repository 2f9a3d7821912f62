using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Evidence;
using MicroCred.Application.Features.Evidence;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>
/// A resource file of a published credential, for anyone reading its public page (principle E: publicly accessible
/// resources). Only a file the published version lists, attached to this credential as a resource, in the acting
/// district: a draft's files, evidence files and other districts' files are not found.
/// </summary>
public sealed record OpenCredentialResource(Guid CredentialId, Guid FileId) : IQuery<EvidenceFileContent>;

public sealed class OpenCredentialResourceHandler(AppDbContext db, IEvidenceStore store) : IQueryHandler<OpenCredentialResource, EvidenceFileContent>
{
    public async ValueTask<EvidenceFileContent> Handle(OpenCredentialResource query, CancellationToken ct)
    {
        var content = await db.CredentialVersions.AsNoTracking()
            .Where(v => v.CredentialId == query.CredentialId && v.Status == VersionStatus.Published).Select(v => v.Content).SingleOrDefaultAsync(ct);
        if (content is null || !content.Resources.Any(r => r.FileId == query.FileId)) throw new NotFoundException("Resource file", query.FileId);
        var file = await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == query.FileId && f.State == StoredFileState.Available
            && f.AttachedToType == SaveCredentialDraftHandler.ResourceAttachment && f.AttachedToId == query.CredentialId, ct)
            ?? throw new NotFoundException("Resource file", query.FileId);
        Stream bytes;
        try
        {
            bytes = await store.OpenReadAsync(file.StorageKey, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException
            || e is Amazon.S3.AmazonS3Exception { StatusCode: System.Net.HttpStatusCode.NotFound })
        {
            throw new NotFoundException("Resource file", query.FileId);
        }
        return new EvidenceFileContent(file.Id, file.FileName, file.Kind, file.ContentType, file.Length, file.Sha256, file.CreatedAt, bytes);
    }
}
