using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>
/// Gives the credential's draft an uploaded badge image (PNG or SVG, checked by content, SVG sanitised). Published
/// versions keep their image: a new image reaches earners when the draft is published.
/// </summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record UploadCredentialImage(Guid CredentialId, string? FileName, [property: NotAudited] byte[] Image) : ICommand<UploadedImage>;

/// <summary>Goes back to the generated default badge (district colour, initials) for the draft.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record UseDefaultCredentialImage(Guid CredentialId) : ICommand;

/// <summary>The image of the credential's current published version: public, for the catalog and credential page.</summary>
public sealed record GetCredentialImage(Guid CredentialId) : IQuery<ImageFile>;

/// <summary>
/// The image of one version, which is also its Open Badges BadgeClass image. Public for every version that was
/// published (including superseded and retired ones, which issued badges still point at); drafts are not found.
/// </summary>
public sealed record GetBadgeClassImage(Guid VersionId) : IQuery<ImageFile>;

/// <summary>The draft's image (or, without a draft, the published one), for developers.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record PreviewCredentialImage(Guid CredentialId) : IQuery<ImageFile>;

/// <summary>What the image page shows about the credential being edited.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record GetCredentialImageSettings(Guid CredentialId) : IQuery<CredentialImageSettings>;

public sealed record CredentialImageSettings(
    Guid CredentialId, string Name, int VersionNumber, VersionStatus Status, bool HasDraft, bool IsRetired,
    Guid? ImageId, string? ContentType, int? Width, int? Height);

public sealed class UploadCredentialImageValidator : AbstractValidator<UploadCredentialImage>
{
    public UploadCredentialImageValidator()
    {
        RuleFor(c => c.Image).NotEmpty().WithMessage("Choose a PNG or SVG file to upload.");
        RuleFor(c => c.FileName).MaximumLength(255).WithMessage("The file name is too long: rename the file and try again.");
    }
}

public sealed class CredentialImageHandler(AppDbContext db, ITenantContext tenant, TimeProvider clock)
    : ICommandHandler<UploadCredentialImage, UploadedImage>, ICommandHandler<UseDefaultCredentialImage>,
      IQueryHandler<GetCredentialImage, ImageFile>, IQueryHandler<GetBadgeClassImage, ImageFile>,
      IQueryHandler<PreviewCredentialImage, ImageFile>, IQueryHandler<GetCredentialImageSettings, CredentialImageSettings>
{
    public async ValueTask<UploadedImage> Handle(UploadCredentialImage command, CancellationToken ct)
    {
        var credential = await db.CredentialAsync(command.CredentialId, ct);
        var draft = await db.DraftAsync(credential, ct);
        var previous = draft.ImageId;
        var (image, checkedImage) = db.Accept(tenant, command.Image, command.FileName, clock.GetUtcNow());
        draft.UseImage(image.Id);
        await db.ForgetIfUnusedAsync(previous, draft.Id, null, ct);
        await db.SaveChangesAsync(ct);
        return new UploadedImage(image.Id, image.ContentType, image.Width, image.Height, checkedImage.Removed);
    }

    public async ValueTask<Unit> Handle(UseDefaultCredentialImage command, CancellationToken ct)
    {
        var credential = await db.CredentialAsync(command.CredentialId, ct);
        var draft = await db.DraftAsync(credential, ct);
        var previous = draft.ImageId;
        if (previous is null) return Unit.Value;
        draft.UseImage(null);
        await db.ForgetIfUnusedAsync(previous, draft.Id, null, ct);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async ValueTask<ImageFile> Handle(GetCredentialImage query, CancellationToken ct)
    {
        var version = await db.CredentialVersions.AsNoTracking()
            .Where(v => v.CredentialId == query.CredentialId && v.Status == VersionStatus.Published)
            .Select(v => new { v.ImageId, v.Name }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Published micro-credential", query.CredentialId);
        return await db.RenderAsync(tenant, version.ImageId, version.Name, stack: false, ct);
    }

    public async ValueTask<ImageFile> Handle(GetBadgeClassImage query, CancellationToken ct)
    {
        var version = await db.CredentialVersions.AsNoTracking()
            .Where(v => v.Id == query.VersionId && v.Status != VersionStatus.Draft)
            .Select(v => new { v.ImageId, v.Name }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Published version", query.VersionId);
        return await db.RenderAsync(tenant, version.ImageId, version.Name, stack: false, ct);
    }

    public async ValueTask<ImageFile> Handle(PreviewCredentialImage query, CancellationToken ct)
    {
        var (_, version) = await CurrentVersionAsync(query.CredentialId, ct);
        return await db.RenderAsync(tenant, version.ImageId, version.Name, stack: false, ct);
    }

    public async ValueTask<CredentialImageSettings> Handle(GetCredentialImageSettings query, CancellationToken ct)
    {
        var (credential, version) = await CurrentVersionAsync(query.CredentialId, ct);
        var image = version.ImageId is { } id
            ? await db.BadgeImages.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.ContentType, i.Width, i.Height }).SingleOrDefaultAsync(ct)
            : null;
        return new CredentialImageSettings(credential.Id, version.Name, version.Number, version.Status, credential.DraftVersionId is not null,
            credential.IsRetired, version.ImageId, image?.ContentType, image?.Width, image?.Height);
    }

    private async Task<(MicroCredential Credential, CredentialVersion Version)> CurrentVersionAsync(Guid credentialId, CancellationToken ct)
    {
        var credential = await db.MicroCredentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == credentialId, ct)
            ?? throw new NotFoundException("Micro-credential", credentialId);
        var versionId = credential.DraftVersionId ?? credential.PublishedVersionId
            ?? throw new DomainException("This credential has no version to show.");
        return (credential, await db.CredentialVersions.AsNoTracking().SingleAsync(v => v.Id == versionId, ct));
    }
}
