using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Design;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Evidence;

/// <summary>
/// An earner starts a micro-credential: a draft submission on the version published now (a later version never
/// moves work in progress), after the stack prerequisites and the district's attempt cap. Starting again while an
/// attempt is open continues that attempt; after "Not yet" it starts the next attempt from the last one's evidence.
/// Returns the submission to work on. The credential goes on the earner's plan.
/// </summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record StartCredential(Guid CredentialId) : ICommand<Guid>;

public sealed class StartCredentialValidator : AbstractValidator<StartCredential>
{
    public StartCredentialValidator() => RuleFor(c => c.CredentialId).NotEmpty();
}

public sealed class StartCredentialHandler(AppDbContext db, ICurrentUser user, ITenantContext tenant, TimeProvider clock) : ICommandHandler<StartCredential, Guid>
{
    public async ValueTask<Guid> Handle(StartCredential command, CancellationToken ct)
    {
        var me = user.Id!.Value;
        var now = clock.GetUtcNow();
        var credential = await db.MicroCredentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CredentialId, ct)
            ?? throw new NotFoundException("Micro-credential", command.CredentialId);
        var mine = await db.Submissions.Include(s => s.Items).Where(s => s.EarnerId == me && s.CredentialId == credential.Id)
            .OrderBy(s => s.Attempt).ToListAsync(ct);
        if (mine.FirstOrDefault(s => s.Status is not (SubmissionStatus.Awarded or SubmissionStatus.NotYet)) is { } open) return open.Id;
        if (mine.Any(s => s.Status == SubmissionStatus.Awarded)) throw new DomainException("You have already earned this micro-credential.");

        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        Submission started;
        if (mine.LastOrDefault() is { Status: SubmissionStatus.NotYet } last)
        {
            started = last.StartNextAttempt(policy.MaxAttempts, now);
        }
        else
        {
            var published = await db.CredentialVersions.AsNoTracking()
                .SingleOrDefaultAsync(v => v.Id == credential.PublishedVersionId && v.Status == VersionStatus.Published, ct)
                ?? throw new DomainException("This micro-credential is not open to new earners.");
            var missing = await db.MissingAsync(credential.Id, await db.EarnedAsync(me, ct), ct);
            started = Submission.Start(tenant.TenantId!.Value, me, credential, published, mine.Count, policy.MaxAttempts, missing.Select(m => m.Name).ToList(), now);
        }
        db.Submissions.Add(started);
        await db.PlanEntryAsync(tenant.TenantId!.Value, me, credential.Id, now, ct);
        await db.SaveChangesAsync(ct);
        return started.Id;
    }
}

/// <summary>Where the acting member stands with one credential, for its page: can they start it, what is missing first.</summary>
[RequiresRole(DistrictRoles.Any)]
public sealed record GetMyCredentialStatus(Guid CredentialId) : IQuery<MyCredentialStatus>;

public sealed record MyCredentialStatus(bool IsEarner, Guid? CurrentSubmissionId, SubmissionStatus? CurrentStatus, int CurrentAttempt, bool Earned,
    bool CanStartNextAttempt, int AttemptsUsed, int? AttemptCap, IReadOnlyList<RequiredFirst> MissingFirst, bool InPlan, DateOnly? TargetDate);

public sealed class GetMyCredentialStatusHandler(AppDbContext db, ICurrentUser user, ITenantContext tenant, CurrentMember member)
    : IQueryHandler<GetMyCredentialStatus, MyCredentialStatus>
{
    public async ValueTask<MyCredentialStatus> Handle(GetMyCredentialStatus query, CancellationToken ct)
    {
        var me = user.Id!.Value;
        var isEarner = await member.HasAnyAsync(DistrictRole.Earner, ct);
        var mine = await db.Submissions.AsNoTracking().Where(s => s.EarnerId == me && s.CredentialId == query.CredentialId)
            .OrderBy(s => s.Attempt).Select(s => new { s.Id, s.Status, s.Attempt }).ToListAsync(ct);
        var current = mine.LastOrDefault();
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var missing = mine.Count == 0 ? await db.MissingAsync(query.CredentialId, await db.EarnedAsync(me, ct), ct) : [];
        var plan = await db.PlanEntries.AsNoTracking().Where(p => p.EarnerId == me && p.CredentialId == query.CredentialId).Select(p => new { p.TargetDate }).SingleOrDefaultAsync(ct);
        var canNext = current?.Status == SubmissionStatus.NotYet && (policy.MaxAttempts is not { } cap || current.Attempt < cap);
        return new MyCredentialStatus(isEarner, current?.Id, current?.Status, current?.Attempt ?? 0, mine.Any(s => s.Status == SubmissionStatus.Awarded),
            canNext, mine.Count, policy.MaxAttempts, missing, plan is not null, plan?.TargetDate);
    }
}
