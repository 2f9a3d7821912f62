using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Design;
using MicroCred.Application.Features.Issuing;
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
        // A valid badge, however it was issued, means earned; one revoked, expired or expiring soon can be earned again.
        var held = await db.ValidBadgeForAsync(me, credential.Id, now, ct);
        if (held is not null && !Renewal.IsOpen(held, now)) throw new DomainException("You have already earned this micro-credential.");

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
            var missing = await db.MissingAsync(credential.Id, await db.EarnedAsync(me, now, ct), ct);
            // Earning it again (renewal) starts fresh on the version published now; attempts are numbered on, and the
            // district's cap counts only the attempts since the last award.
            var beforeRenewal = mine.FindLastIndex(s => s.Status == SubmissionStatus.Awarded) + 1;
            started = Submission.Start(tenant.TenantId!.Value, me, credential, published, mine.Count, policy.MaxAttempts + beforeRenewal,
                missing.Select(m => m.Name).ToList(), now);
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

/// <param name="Earned">They hold a valid badge for it (however it was issued) that is not yet due for renewal.</param>
public sealed record MyCredentialStatus(bool IsEarner, Guid? CurrentSubmissionId, SubmissionStatus? CurrentStatus, int CurrentAttempt, bool Earned,
    bool CanStartNextAttempt, int AttemptsUsed, int? AttemptCap, IReadOnlyList<RequiredFirst> MissingFirst, bool InPlan, DateOnly? TargetDate)
{
    /// <summary>Their valid badge for it, if any, and when it expires.</summary>
    public Guid? BadgeId { get; init; }
    public DateTimeOffset? BadgeExpires { get; init; }
    /// <summary>Earned before, and the badge has expired, was revoked or expires within <see cref="Renewal.WindowDays"/> days: it can be earned again.</summary>
    public bool CanRenew { get; init; }
}

/// <summary>Principle S kept true over time: a badge can be earned again once it expired, or shortly before it does.</summary>
public static class Renewal
{
    public const int WindowDays = 90;

    /// <summary>Whether the holder of <paramref name="badge"/> may start earning it again now.</summary>
    public static bool IsOpen(ValidBadge badge, DateTimeOffset now) => badge.Expires is { } expires && expires <= now.AddDays(WindowDays);
}

public sealed class GetMyCredentialStatusHandler(AppDbContext db, ICurrentUser user, ITenantContext tenant, CurrentMember member, TimeProvider clock)
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
        var now = clock.GetUtcNow();
        var held = await db.ValidBadgeForAsync(me, query.CredentialId, now, ct);
        var renewable = held is not null ? Renewal.IsOpen(held, now) : mine.Any(s => s.Status == SubmissionStatus.Awarded);
        var missing = mine.Count == 0 || (held is null && renewable) ? await db.MissingAsync(query.CredentialId, await db.EarnedAsync(me, now, ct), ct) : [];
        var plan = await db.PlanEntries.AsNoTracking().Where(p => p.EarnerId == me && p.CredentialId == query.CredentialId).Select(p => new { p.TargetDate }).SingleOrDefaultAsync(ct);
        var canNext = current?.Status == SubmissionStatus.NotYet && (policy.MaxAttempts is not { } cap || current.Attempt < cap);
        var open = current is not null && current.Status is not (SubmissionStatus.Awarded or SubmissionStatus.NotYet);
        return new MyCredentialStatus(isEarner, current?.Id, current?.Status, current?.Attempt ?? 0, held is not null && !renewable,
            canNext, mine.Count, policy.MaxAttempts, missing, plan is not null, plan?.TargetDate)
        {
            BadgeId = held?.AssertionId,
            BadgeExpires = held?.Expires,
            CanRenew = renewable && !open,
        };
    }
}
