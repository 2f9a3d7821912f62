using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>
/// The review before publishing (principle B and the standard's call for review): the draft as earners will see it,
/// its authors, and the approval so far. For the district's Developers and Admins.
/// </summary>
[RequiresRole(DistrictRole.Developer | DistrictRole.Admin)]
public sealed record GetCredentialReview(Guid CredentialId) : IQuery<CredentialReview>;

/// <param name="IsAuthor">The acting person wrote the draft, so may not approve it.</param>
public sealed record CredentialReview(Guid CredentialId, Guid VersionId, int Number, CredentialContent Content, Guid? ImageId,
    IReadOnlyList<string> Authors, bool IsAuthor, bool ReviewRequired, IReadOnlyList<string> PublishProblems, Approval? Approval);

/// <summary>Who approved a version for publishing, when, and their note.</summary>
public sealed record Approval(string By, DateTimeOffset At, string? Note);

public sealed class GetCredentialReviewHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user) : IQueryHandler<GetCredentialReview, CredentialReview>
{
    public async ValueTask<CredentialReview> Handle(GetCredentialReview query, CancellationToken ct)
    {
        var credential = await db.MicroCredentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CredentialId, ct)
            ?? throw new NotFoundException("Micro-credential", query.CredentialId);
        if (credential.DraftVersionId is not { } draftId) throw new NotFoundException("Draft of the micro-credential", query.CredentialId);
        var draft = await db.CredentialVersions.AsNoTracking().SingleAsync(v => v.Id == draftId, ct);
        var authorIds = new[] { draft.CreatedBy, draft.RevisedBy }.OfType<Guid>().Distinct().ToList();
        var people = authorIds.Append(draft.ApprovedBy ?? Guid.Empty).ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        return new CredentialReview(credential.Id, draft.Id, draft.Number, draft.Content, draft.ImageId,
            authorIds.Select(id => names.GetValueOrDefault(id, "a former member")).ToList(), authorIds.Contains(user.Id!.Value), policy.RequirePublishReview,
            draft.Content.ProblemsBeforePublishing(),
            draft.ApprovedBy is { } by ? new Approval(names.GetValueOrDefault(by, "a former member"), draft.ApprovedAt!.Value, draft.ApprovalNote) : null);
    }
}

/// <summary>
/// A second person (another Developer, or an Admin; never an author) approves the draft for publishing, having checked
/// it against every point of <see cref="PublishReview.Checklist"/>. Changing the draft's words afterwards voids it.
/// </summary>
[RequiresRole(DistrictRole.Developer | DistrictRole.Admin)]
public sealed record ApproveCredential(Guid CredentialId, IReadOnlyList<string> Confirmed, string? Note) : ICommand;

public sealed class ApproveCredentialValidator : AbstractValidator<ApproveCredential>
{
    public ApproveCredentialValidator() =>
        RuleFor(c => c.Note).MaximumLength(PublishReview.MaxNoteLength).WithMessage($"Keep the note to {PublishReview.MaxNoteLength} characters.");
}

public sealed class ApproveCredentialHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ApproveCredential>
{
    public async ValueTask<Unit> Handle(ApproveCredential command, CancellationToken ct)
    {
        var credential = await db.CredentialAsync(command.CredentialId, ct);
        var draft = await db.DraftAsync(credential, ct);
        draft.Approve(user.Id!.Value, command.Confirmed ?? [], command.Note, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

/// <summary>Whether the district asks for a second person's approval before a credential version is published (off by default).</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record SetPublishReview(bool Required) : ICommand;

[RequiresRole(DistrictRole.Developer | DistrictRole.Admin)]
public sealed record GetPublishReviewSetting : IQuery<bool>;

public sealed class PublishReviewSettingHandler(AppDbContext db, ITenantContext tenant) : ICommandHandler<SetPublishReview>, IQueryHandler<GetPublishReviewSetting, bool>
{
    public async ValueTask<Unit> Handle(SetPublishReview command, CancellationToken ct)
    {
        var policy = await db.DistrictPolicyAsync(tenant, ct);
        policy.ChangePublishReview(command.Required);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async ValueTask<bool> Handle(GetPublishReviewSetting query, CancellationToken ct) => (await db.ReadDistrictPolicyAsync(tenant, ct)).RequirePublishReview;
}
