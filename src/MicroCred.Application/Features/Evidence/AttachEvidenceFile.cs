using FluentValidation;
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
/// Makes one of the earner's uploaded files evidence for a prompt that asks for files (checked again here: its
/// kind by content and the prompt's size limit), optionally replacing a file already there. The file is then
/// attached, so cleanup keeps it.
/// </summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record AttachEvidenceFile(Guid SubmissionId, Guid PromptId, Guid FileId, Guid? ReplacesItemId = null) : ICommand<Guid>;

public sealed class AttachEvidenceFileValidator : AbstractValidator<AttachEvidenceFile>
{
    public AttachEvidenceFileValidator() => RuleFor(c => c.FileId).NotEmpty().WithMessage("Choose a file to upload.");
}

public sealed class AttachEvidenceFileHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, EvidenceAttachments attachments, IOptions<UploadOptions> options)
    : ICommandHandler<AttachEvidenceFile, Guid>
{
    public async ValueTask<Guid> Handle(AttachEvidenceFile command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var submission = await db.MySubmissionAsync(command.SubmissionId, user.Id, ct);
        var prompt = (await db.SubmissionVersionAsync(submission, ct)).Prompt(command.PromptId);
        var file = await db.StoredFiles.AsNoTracking()
            .SingleOrDefaultAsync(f => f.Id == command.FileId && f.OwnerId == user.Id && f.State == StoredFileState.Available, ct)
            ?? throw new NotFoundException("Evidence file", command.FileId);
        if (command.ReplacesItemId is { } replaced)
        {
            var old = submission.Items.FirstOrDefault(i => i.Id == replaced && i.PromptId == prompt.Id && i.Kind == EvidenceItemKind.File)
                ?? throw new Domain.Common.DomainException("The file you are replacing is no longer part of this submission.", "File");
            submission.RemoveItem(old.Id, now);
            await RemoveEvidenceHandler.ReleaseAsync(db, attachments, old, ct);
        }
        var item = submission.AttachFile(prompt, file.Id, file.FileName, file.Kind, file.Length, now);
        await attachments.AttachAsync(file.Id, EarnerData.AttachmentType, item.Id,
            UploadRule.Allow(Math.Min(prompt.MaxFileBytes ?? options.Value.MaxBytes, options.Value.MaxBytes), prompt.AcceptedFiles), ct);
        await db.SaveChangesAsync(ct);
        return item.Id;
    }
}
