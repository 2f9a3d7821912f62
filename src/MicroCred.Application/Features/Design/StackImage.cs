using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>Gives a stack its own badge image (PNG or SVG, checked like a credential's).</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record UploadStackImage(Guid StackId, string? FileName, [property: NotAudited] byte[] Image) : ICommand<UploadedImage>;

[RequiresRole(DistrictRole.Developer)]
public sealed record UseDefaultStackImage(Guid StackId) : ICommand;

/// <summary>A published stack's image: public.</summary>
public sealed record GetStackImage(Guid StackId) : IQuery<ImageFile>;

/// <summary>Any stack's image, published or not, for developers.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record PreviewStackImage(Guid StackId) : IQuery<ImageFile>;

public sealed class UploadStackImageValidator : AbstractValidator<UploadStackImage>
{
    public UploadStackImageValidator()
    {
        RuleFor(c => c.Image).NotEmpty().WithMessage("Choose a PNG or SVG file to upload.");
        RuleFor(c => c.FileName).MaximumLength(255).WithMessage("The file name is too long: rename the file and try again.");
    }
}

public sealed class StackImageHandler(AppDbContext db, ITenantContext tenant, TimeProvider clock)
    : ICommandHandler<UploadStackImage, UploadedImage>, ICommandHandler<UseDefaultStackImage>,
      IQueryHandler<GetStackImage, ImageFile>, IQueryHandler<PreviewStackImage, ImageFile>
{
    public async ValueTask<UploadedImage> Handle(UploadStackImage command, CancellationToken ct)
    {
        var stack = await db.StackAsync(command.StackId, ct);
        var previous = stack.ImageId;
        var (image, checkedImage) = db.Accept(tenant, command.Image, command.FileName, clock.GetUtcNow());
        stack.UseImage(image.Id);
        await db.ForgetIfUnusedAsync(previous, null, stack.Id, ct);
        await db.SaveChangesAsync(ct);
        return new UploadedImage(image.Id, image.ContentType, image.Width, image.Height, checkedImage.Removed);
    }

    public async ValueTask<Unit> Handle(UseDefaultStackImage command, CancellationToken ct)
    {
        var stack = await db.StackAsync(command.StackId, ct);
        var previous = stack.ImageId;
        if (previous is null) return Unit.Value;
        stack.UseImage(null);
        await db.ForgetIfUnusedAsync(previous, null, stack.Id, ct);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async ValueTask<ImageFile> Handle(GetStackImage query, CancellationToken ct)
    {
        var stack = await db.Stacks.AsNoTracking().Where(s => s.Id == query.StackId && s.PublishedAt != null)
            .Select(s => new { s.ImageId, s.Name }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Published stack", query.StackId);
        return await db.RenderAsync(tenant, stack.ImageId, stack.Name, stack: true, ct);
    }

    public async ValueTask<ImageFile> Handle(PreviewStackImage query, CancellationToken ct)
    {
        var stack = await db.Stacks.AsNoTracking().Where(s => s.Id == query.StackId)
            .Select(s => new { s.ImageId, s.Name }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Stack", query.StackId);
        return await db.RenderAsync(tenant, stack.ImageId, stack.Name, stack: true, ct);
    }
}
