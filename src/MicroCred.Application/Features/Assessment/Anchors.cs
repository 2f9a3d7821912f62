using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Assessment;

/// <summary>The calibration set of a credential, and scored work that could become an anchor.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record GetAnchors(Guid? CredentialId) : IQuery<AnchorsView>;

public sealed record AnchorsView(IReadOnlyList<CredentialOption> Credentials, Guid? CredentialId, IReadOnlyList<AnchorRow> Anchors, IReadOnlyList<AnchorCandidate> Candidates);

public sealed record AnchorRow(Guid Id, string Label, string Source, int VersionNumber, IReadOnlyList<string> KnownLevels, DateTimeOffset CreatedAt, bool Retired);

public sealed record AnchorCandidate(Guid SubmissionId, string Code, int VersionNumber, DateTimeOffset ScoredAt, Recommendation Recommendation);

public sealed class GetAnchorsHandler(AppDbContext db) : IQueryHandler<GetAnchors, AnchorsView>
{
    public async ValueTask<AnchorsView> Handle(GetAnchors query, CancellationToken ct)
    {
        var credentials = await db.PublishedCredentialsAsync(ct);
        var credentialId = query.CredentialId is { } id && credentials.Any(c => c.Id == id) ? id : credentials.FirstOrDefault()?.Id;
        if (credentialId is null) return new AnchorsView(credentials, null, [], []);
        var versions = await db.CredentialVersions.AsNoTracking().Where(v => v.CredentialId == credentialId).ToDictionaryAsync(v => v.Id, ct);
        var anchors = await db.Anchors.AsNoTracking().Where(a => a.CredentialId == credentialId).OrderBy(a => a.RetiredAt != null).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        var codes = await db.Submissions.AsNoTracking().Where(s => anchors.Select(a => a.SubmissionId).Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var rows = anchors.Select(a =>
        {
            var rubric = versions[a.CredentialVersionId].Content.Rubric;
            return new AnchorRow(a.Id, a.Label, a.SubmissionId is { } sid ? $"Submission {codes.GetValueOrDefault(sid)}" : "Written", versions[a.CredentialVersionId].Number,
                rubric.Criteria.Select(c => $"{c.Title}: {rubric.Levels.FirstOrDefault(l => l.Id == a.KnownLevels.GetValueOrDefault(c.Id))?.Name}").ToList(),
                a.CreatedAt, a.RetiredAt is not null);
        }).ToList();
        var anchored = anchors.Where(a => a.RetiredAt == null && a.SubmissionId != null).Select(a => a.SubmissionId!.Value).ToList();
        var candidates = await db.Reviews.AsNoTracking()
            .Where(r => r.CredentialId == credentialId && r.Status == ReviewStatus.Scored && !anchored.Contains(r.SubmissionId))
            .Join(db.Submissions, r => r.SubmissionId, s => s.Id, (r, s) => new { r.SubmissionId, s.Code, r.CredentialVersionId, r.ScoredAt, r.Recommendation })
            .OrderByDescending(x => x.ScoredAt).Take(50).ToListAsync(ct);
        return new AnchorsView(credentials, credentialId, rows, candidates.Select(c =>
            new AnchorCandidate(c.SubmissionId, c.Code, versions[c.CredentialVersionId].Number, c.ScoredAt!.Value, c.Recommendation!.Value)).ToList());
    }
}

/// <summary>
/// The anchor form: an existing anchor (<see cref="AnchorId"/>), scored work to mark as one (<see cref="SubmissionId"/>,
/// known levels proposed from its final score), or a new written anchor for a credential (<see cref="CredentialId"/>).
/// </summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record GetAnchorEditor(Guid? AnchorId, Guid? SubmissionId, Guid? CredentialId) : IQuery<AnchorEditor>;

public sealed record AnchorEditor(Guid? AnchorId, Guid? SubmissionId, Guid CredentialId, string Credential, int VersionNumber, string? Code, string Label, string? Rationale,
    bool Written, IReadOnlyList<EvidenceSection> Evidence, IReadOnlyList<EvidencePrompt> Prompts, Rubric Rubric, IReadOnlyDictionary<Guid, Guid> Levels, bool Retired);

public sealed class GetAnchorEditorHandler(AppDbContext db) : IQueryHandler<GetAnchorEditor, AnchorEditor>
{
    public async ValueTask<AnchorEditor> Handle(GetAnchorEditor query, CancellationToken ct)
    {
        if (query.AnchorId is { } anchorId)
        {
            var anchor = await db.Anchors.AsNoTracking().SingleOrDefaultAsync(a => a.Id == anchorId, ct) ?? throw new NotFoundException(nameof(Anchor), anchorId);
            var version = await db.VersionAsync(anchor.CredentialVersionId, ct);
            var (code, evidence) = anchor.SubmissionId is { } sid ? await SubmissionEvidenceAsync(sid, version, ct) : (null, EvidenceViews.ForWrittenAnchor(version.Content, anchor.Evidence));
            return new AnchorEditor(anchor.Id, anchor.SubmissionId, anchor.CredentialId, version.Name, version.Number, code, anchor.Label, anchor.Rationale,
                anchor.SubmissionId is null, evidence, version.Content.Prompts, version.Content.Rubric, anchor.KnownLevels, anchor.RetiredAt is not null);
        }
        if (query.SubmissionId is { } submissionId)
        {
            var submission = await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == submissionId, ct) ?? throw new NotFoundException(nameof(Submission), submissionId);
            var version = await db.VersionAsync(submission.CredentialVersionId, ct);
            var review = await db.Reviews.AsNoTracking().Include(r => r.Assignments).SingleOrDefaultAsync(r => r.SubmissionId == submissionId, ct);
            var (code, evidence) = await SubmissionEvidenceAsync(submissionId, version, ct);
            var count = await db.Anchors.CountAsync(a => a.CredentialId == submission.CredentialId, ct);
            return new AnchorEditor(null, submissionId, submission.CredentialId, version.Name, version.Number, code, $"Anchor {count + 1}", null, false,
                evidence, version.Content.Prompts, version.Content.Rubric, review?.Final?.Sheet?.Levels ?? new Dictionary<Guid, Guid>(), false);
        }
        var credential = await db.MicroCredentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CredentialId, ct)
            ?? throw new NotFoundException(nameof(MicroCredential), query.CredentialId ?? Guid.Empty);
        var published = await db.VersionAsync(credential.PublishedVersionId ?? Guid.Empty, ct);
        var existing = await db.Anchors.CountAsync(a => a.CredentialId == credential.Id, ct);
        return new AnchorEditor(null, null, credential.Id, published.Name, published.Number, null, $"Anchor {existing + 1}", null, true,
            [], published.Content.Prompts, published.Content.Rubric, new Dictionary<Guid, Guid>(), false);
    }

    private async Task<(string Code, IReadOnlyList<EvidenceSection> Evidence)> SubmissionEvidenceAsync(Guid submissionId, CredentialVersion version, CancellationToken ct)
    {
        var submission = await db.Submissions.AsNoTracking().Include(s => s.Items).SingleAsync(s => s.Id == submissionId, ct);
        return (submission.Code, EvidenceViews.ForSubmission(version.Content, submission.Items, blind: true, await db.FileKindsAsync(submission.Items, ct)));
    }
}

/// <summary>Marks scored work as an anchor of its credential, with the levels it is known to deserve.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record MarkAnchor(Guid SubmissionId, string Label, IReadOnlyDictionary<Guid, Guid> KnownLevels, string? Rationale) : ICommand<Guid>;

/// <summary>Writes an anchor from scratch for the credential's published version.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record WriteAnchor(Guid CredentialId, string Label, IReadOnlyList<AnchorEvidence> Evidence, IReadOnlyDictionary<Guid, Guid> KnownLevels, string? Rationale) : ICommand<Guid>;

/// <summary>Corrects an anchor's known levels (e.g. after moderation). Attempts already made keep their results.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record ChangeAnchor(Guid AnchorId, IReadOnlyDictionary<Guid, Guid> KnownLevels, string? Rationale) : ICommand;

[RequiresRole(DistrictRole.Admin)]
public sealed record RetireAnchor(Guid AnchorId) : ICommand;

public sealed class MarkAnchorValidator : AbstractValidator<MarkAnchor>
{
    public MarkAnchorValidator()
    {
        RuleFor(c => c.Label).NotEmpty().WithMessage("Give the anchor a label, like \"Anchor 3: strong discourse\".").MaximumLength(Anchor.MaxLabelLength);
        RuleFor(c => c.Rationale).MaximumLength(Anchor.MaxRationaleLength);
    }
}

public sealed class WriteAnchorValidator : AbstractValidator<WriteAnchor>
{
    public WriteAnchorValidator()
    {
        RuleFor(c => c.Label).NotEmpty().WithMessage("Give the anchor a label, like \"Anchor 3: strong discourse\".").MaximumLength(Anchor.MaxLabelLength);
        RuleFor(c => c.Rationale).MaximumLength(Anchor.MaxRationaleLength);
    }
}

public sealed class AnchorHandlers(AppDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<MarkAnchor, Guid>, ICommandHandler<WriteAnchor, Guid>, ICommandHandler<ChangeAnchor>, ICommandHandler<RetireAnchor>
{
    public async ValueTask<Guid> Handle(MarkAnchor command, CancellationToken ct)
    {
        var submission = await db.SubmissionAsync(command.SubmissionId, ct);
        if (await db.Anchors.AnyAsync(a => a.SubmissionId == submission.Id && a.RetiredAt == null, ct))
            throw new Domain.Common.DomainException("This submission is already an anchor.");
        var version = await db.VersionAsync(submission.CredentialVersionId, ct);
        var anchor = Anchor.FromSubmission(submission, version, command.Label, command.KnownLevels, command.Rationale, user.Id!.Value, clock.GetUtcNow());
        db.Anchors.Add(anchor);
        await db.SaveChangesAsync(ct);
        return anchor.Id;
    }

    public async ValueTask<Guid> Handle(WriteAnchor command, CancellationToken ct)
    {
        var credential = await db.MicroCredentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CredentialId, ct)
            ?? throw new NotFoundException(nameof(MicroCredential), command.CredentialId);
        var version = await db.VersionAsync(credential.PublishedVersionId ?? throw new Domain.Common.DomainException("Publish the micro-credential first."), ct);
        var anchor = Anchor.Written(version, command.Label, command.Evidence, command.KnownLevels, command.Rationale, user.Id!.Value, clock.GetUtcNow());
        db.Anchors.Add(anchor);
        await db.SaveChangesAsync(ct);
        return anchor.Id;
    }

    public async ValueTask<Unit> Handle(ChangeAnchor command, CancellationToken ct)
    {
        var anchor = await db.Anchors.SingleOrDefaultAsync(a => a.Id == command.AnchorId, ct) ?? throw new NotFoundException(nameof(Anchor), command.AnchorId);
        var version = await db.VersionAsync(anchor.CredentialVersionId, ct);
        anchor.ChangeKnownLevels(version.Content.Rubric, command.KnownLevels, command.Rationale);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async ValueTask<Unit> Handle(RetireAnchor command, CancellationToken ct)
    {
        var anchor = await db.Anchors.SingleOrDefaultAsync(a => a.Id == command.AnchorId, ct) ?? throw new NotFoundException(nameof(Anchor), command.AnchorId);
        anchor.Retire(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
